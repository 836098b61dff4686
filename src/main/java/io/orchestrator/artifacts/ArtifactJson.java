package io.orchestrator.artifacts;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** An artifact as the API shows it. */
final class ArtifactJson {

    private ArtifactJson() {}

    static JsonObject of(Artifact artifact) {
        return JSON.createObjectBuilder()
                .add("id", artifact.id())
                .add("run_id", artifact.runId())
                .add("workflow_id", artifact.workflowId())
                .add("node_id", artifact.nodeId() == null ? JsonValue.NULL : JSON.createValue(artifact.nodeId()))
                .add("name", artifact.name())
                .add("file_name", artifact.fileName())
                .add("mime_type", artifact.mimeType())
                .add("size", artifact.size())
                .add("sha256", artifact.sha256())
                .add("artifact_type", artifact.artifactType())
                .add("tags", JsonText.parse(artifact.tags()))
                .add("created_at", Timestamps.json(artifact.createdAt()))
                .add(
                        "expires_at",
                        artifact.expiresAt() == null ? JsonValue.NULL : Timestamps.json(artifact.expiresAt()))
                .add("download_url", "/api/artifacts/" + artifact.id() + "/download/")
                .build();
    }
}
