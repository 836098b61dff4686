/**
 * Files kept for runs ({@code /api/artifacts/}): uploaded by clients or produced by nodes (a command's
 * collected files and its log). {@link io.orchestrator.artifacts.ArtifactFiles} keeps the bytes under
 * the data directory, named by their SHA-256; {@link io.orchestrator.artifacts.ArtifactService} keeps
 * the rows and removes a file with the last row naming it; uploads are read as they arrive by
 * {@link io.orchestrator.artifacts.MultipartForm}; expired artifacts are purged by
 * {@link io.orchestrator.artifacts.ArtifactRetention}.
 */
package io.orchestrator.artifacts;
