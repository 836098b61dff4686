package io.orchestrator.nodes.command;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;

/** Where a command's collected files and its stored log are kept once it has ended: as artifacts of its step. */
public interface CommandArtifacts {

    /**
     * Keeps a copy of the file as an artifact of the node in the run, as a {@code log} artifact when
     * {@code log}; returns the artifact as the API shows it.
     */
    JsonObject keep(String workflowId, String runId, String nodeId, Path file, boolean log) throws IOException;
}
