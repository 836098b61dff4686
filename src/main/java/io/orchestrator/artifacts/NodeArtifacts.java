package io.orchestrator.artifacts;

import io.orchestrator.nodes.command.CommandArtifacts;
import io.orchestrator.platform.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Files a node produced, kept as artifacts of its step: a command's collected files and its stored log. */
@ApplicationScoped
public class NodeArtifacts implements CommandArtifacts {

    @Inject
    ArtifactService artifacts;

    @Inject
    OrchestratorConfig config;

    @Override
    public JsonObject keep(String workflowId, String runId, String nodeId, Path file, boolean log) throws IOException {
        ArtifactFiles.Stored content;
        try (InputStream in = Files.newInputStream(file)) {
            content = artifacts.files().store(in, config.artifactMaxBytes());
        }
        String fileName = ArtifactDescription.baseName(file.getFileName().toString());
        String mimeType = ArtifactDescription.mimeTypeOf(fileName);
        ArtifactDescription description = new ArtifactDescription(
                log ? "Log" : fileName,
                fileName,
                mimeType,
                log ? ArtifactType.LOG : ArtifactType.guess(mimeType, fileName),
                List.of());
        try {
            return artifacts.keep(new ArtifactOrigin(runId, workflowId, nodeId), description, content);
        } catch (RuntimeException notKept) {
            artifacts.forgetUnused(content);
            throw notKept;
        }
    }
}
