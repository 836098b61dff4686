package io.orchestrator.artifacts;

import io.orchestrator.engine.journal.JournalEntry;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.nodes.command.CommandArtifacts;
import io.orchestrator.platform.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files a node produced, kept as artifacts of its step: a command's collected files and its stored
 * log, an llm node's candidates.
 */
@ApplicationScoped
public class NodeArtifacts implements CommandArtifacts {

    /** Content a node made in memory, and what to call it. */
    public record MadeFile(ArtifactDescription description, byte[] content) {}

    @Inject
    ArtifactService artifacts;

    @Inject
    OrchestratorConfig config;

    @Inject
    RunJournal journal;

    /**
     * Keeps files a node made while it runs as artifacts of its step, their rows written with the
     * run's journal (no transaction of their own: an llm node answered from the cache takes well under
     * a millisecond, a commit about as long again); each is announced once its row is in the database.
     */
    public void keepWithRun(ArtifactOrigin origin, List<MadeFile> files) throws IOException {
        List<Artifact> made = new ArrayList<>(files.size());
        for (MadeFile file : files) {
            ArtifactFiles.Stored content =
                    artifacts.files().store(new ByteArrayInputStream(file.content()), config.artifactMaxBytes());
            made.add(artifacts.newArtifact(origin, file.description(), content));
        }
        if (made.isEmpty()) {
            return;
        }
        journal.append(origin.runId(), new JournalEntry.TableRows<>(ArtifactRows.TABLE, made));
        journal.durable(origin.runId()).thenRun(() -> made.forEach(artifacts::announce));
    }

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
