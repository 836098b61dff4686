package io.orchestrator.artifacts;

import io.orchestrator.nodes.command.CommandArtifacts;
import io.orchestrator.platform.OrchestratorConfig;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Files a node produced, kept as artifacts of its step: a command's collected files and its stored
 * log, an llm node's candidates.
 */
@ApplicationScoped
public class NodeArtifacts implements CommandArtifacts {

    /** Content a node made in memory, and what to call it. */
    public record MadeFile(ArtifactDescription description, byte[] content) {}

    private static final Logger LOG = Logger.getLogger(NodeArtifacts.class.getName());

    @Inject
    ArtifactService artifacts;

    @Inject
    OrchestratorConfig config;

    @Resource
    ManagedExecutorService executor;

    @Override
    public JsonObject keep(String workflowId, String runId, String nodeId, Path file, boolean log) throws IOException {
        String fileName = ArtifactDescription.baseName(file.getFileName().toString());
        String mimeType = ArtifactDescription.mimeTypeOf(fileName);
        ArtifactDescription description = new ArtifactDescription(
                log ? "Log" : fileName,
                fileName,
                mimeType,
                log ? ArtifactType.LOG : ArtifactType.guess(mimeType, fileName),
                List.of());
        try (InputStream in = Files.newInputStream(file)) {
            return keep(new ArtifactOrigin(runId, workflowId, nodeId), description, in);
        }
    }

    /**
     * Keeps files a node made as artifacts of its step once the node has gone on, on another thread
     * and in one transaction. One that cannot be kept is logged; the node's own record has the content.
     */
    public void keepLater(ArtifactOrigin origin, List<MadeFile> files) {
        executor.execute(() -> {
            List<ArtifactService.Kept> stored = new ArrayList<>();
            for (MadeFile file : files) {
                try {
                    stored.add(new ArtifactService.Kept(
                            origin,
                            file.description(),
                            artifacts.files().store(file.content(), config.artifactMaxBytes())));
                } catch (IOException | RuntimeException notStored) {
                    LOG.log(
                            Level.WARNING,
                            "Could not keep '" + file.description().name() + "' as an artifact of run "
                                    + origin.runId(),
                            notStored);
                }
            }
            try {
                artifacts.keepAll(stored);
            } catch (RuntimeException notKept) {
                LOG.log(Level.WARNING, "Could not keep the artifacts of a node of run " + origin.runId(), notKept);
                stored.forEach(one -> artifacts.forgetUnused(one.content()));
            }
        });
    }

    private JsonObject keep(ArtifactOrigin origin, ArtifactDescription description, InputStream in) throws IOException {
        ArtifactFiles.Stored content = artifacts.files().store(in, config.artifactMaxBytes());
        try {
            return artifacts.keep(origin, description, content);
        } catch (RuntimeException notKept) {
            artifacts.forgetUnused(content);
            throw notKept;
        }
    }
}
