package io.orchestrator.artifacts;

import java.util.Set;

/** Contents (SHA-256) no artifact names any more: fired where their last rows were deleted. */
record ContentUnnamed(Set<String> sha256s) {}
