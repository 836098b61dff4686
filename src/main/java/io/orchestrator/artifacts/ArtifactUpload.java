package io.orchestrator.artifacts;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.WorkspaceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /api/artifacts/}: a multipart form with {@code run_id}, {@code node_id}, {@code name},
 * {@code artifact_type}, {@code tags} and the {@code file}, in any order. The file goes to disk as it
 * arrives (never whole in memory) and is kept only if the fields are right.
 */
@ApplicationScoped
public class ArtifactUpload {

    private static final int MAX_FIELD = 2_000;
    /** The ids' column size (run and node ids are UUIDs). */
    private static final int MAX_ID = 36;

    private static final Pattern MEDIA_TYPE = Pattern.compile("[\\w.+-]{1,100}/[\\w.+-]{1,100}");

    @Inject
    ArtifactService artifacts;

    @Inject
    OrchestratorConfig config;

    @Inject
    WorkspaceAccess access;

    /** Reads and keeps the upload; 400 for a malformed form, 413 past the size limit, 422 for bad fields. */
    public jakarta.json.JsonObject upload(InputStream body, String contentType) {
        Map<String, String> fields = new HashMap<>();
        ArtifactFiles.Stored content = null;
        String clientFileName = null;
        String partType = null;
        try {
            MultipartForm form = MultipartForm.of(body, contentType);
            MultipartForm.Part part;
            while ((part = form.next()) != null) {
                if (part.name().equals("file") && content == null) {
                    clientFileName = part.fileName();
                    partType = part.contentType();
                    content = artifacts.files().store(part.content(), config.artifactMaxBytes());
                } else if (!part.name().equals("file")) {
                    fields.put(part.name(), part.text(MAX_FIELD));
                }
            }
        } catch (ArtifactFiles.TooLarge tooLarge) {
            throw new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "The file is larger than " + config.artifactMaxBytes() / (1024 * 1024)
                            + " MB (ORCHESTRATOR_ARTIFACT_MAX_MB); nothing was kept.");
        } catch (MultipartForm.Malformed malformed) {
            forget(content);
            throw ApiException.invalidRequest("The body is not a valid multipart/form-data upload: "
                    + malformed.getMessage() + ". Send the fields run_id, file (and optionally node_id, name,"
                    + " artifact_type, tags).");
        } catch (IOException cut) {
            forget(content);
            throw ApiException.invalidRequest("The upload could not be read to its end: " + cut.getMessage());
        }
        try {
            return keep(fields, content, clientFileName, partType);
        } catch (RuntimeException refused) {
            forget(content);
            throw refused;
        }
    }

    private jakarta.json.JsonObject keep(
            Map<String, String> fields, ArtifactFiles.Stored content, String clientFileName, String partType) {
        FieldErrors errors = new FieldErrors();
        String runId = fields.getOrDefault("run_id", "").trim();
        String workflowId = null;
        if (runId.isEmpty()) {
            errors.add("run_id", "This field is required: the id of the run the file belongs to.");
        } else {
            workflowId = artifacts.workflowOfRun(runId).orElse(null);
            if (workflowId == null) {
                errors.add("run_id", "There is no run '" + runId + "'.");
            } else {
                access.require(WorkspaceRole.EDITOR, Held.RUN, runId);
            }
        }
        if (content == null) {
            errors.add("file", "This field is required: the file, as a part named file.");
        }
        ArtifactType type = null;
        String typeName = fields.getOrDefault("artifact_type", "").trim();
        if (!typeName.isEmpty()) {
            type = ArtifactType.of(typeName).orElse(null);
            if (type == null) {
                errors.add(
                        "artifact_type",
                        "Must be one of "
                                + String.join(
                                        ", ",
                                        Arrays.stream(ArtifactType.values())
                                                .map(ArtifactType::wireName)
                                                .toList())
                                + ".");
            }
        }
        String nodeId = fields.getOrDefault("node_id", "").strip();
        if (nodeId.length() > MAX_ID) {
            errors.add("node_id", "A node id is at most " + MAX_ID + " characters.");
        }
        List<String> tags = tags(fields.get("tags"), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation("The upload was refused; nothing was kept.", errors);
        }
        String fileName = ArtifactDescription.baseName(clientFileName);
        String mimeType = partType != null
                        && MEDIA_TYPE.matcher(partType.trim()).matches()
                        && !partType.trim().equals("application/octet-stream")
                ? partType.trim()
                : ArtifactDescription.mimeTypeOf(fileName);
        String name = fields.getOrDefault("name", "").strip();
        ArtifactDescription description = new ArtifactDescription(
                name.isEmpty() ? fileName : ArtifactDescription.baseName(name),
                fileName,
                mimeType,
                type != null ? type : ArtifactType.guess(mimeType, fileName),
                tags);
        return artifacts.keep(
                new ArtifactOrigin(runId, workflowId, nodeId.isEmpty() ? null : nodeId), description, content);
    }

    /** Tags as a JSON list of texts or comma-separated. */
    private static List<String> tags(String given, FieldErrors errors) {
        List<String> tags = new ArrayList<>();
        if (given == null || given.isBlank()) {
            return tags;
        }
        if (given.strip().startsWith("[")) {
            try {
                JsonValue parsed = JsonText.parse(given);
                if (parsed instanceof JsonArray list) {
                    for (JsonValue item : list) {
                        if (item instanceof JsonString text) {
                            tags.add(text.getString().strip());
                        } else {
                            errors.add("tags", "Each tag must be a text.");
                            return tags;
                        }
                    }
                }
            } catch (JsonException malformed) {
                errors.add("tags", "A list of tags must be valid JSON, or give them comma-separated.");
                return tags;
            }
        } else {
            Arrays.stream(given.split(",")).map(String::strip).forEach(tags::add);
        }
        tags.removeIf(String::isEmpty);
        if (tags.size() > ArtifactDescription.MAX_TAGS
                || tags.stream().anyMatch(tag -> tag.length() > ArtifactDescription.MAX_TAG)) {
            errors.add(
                    "tags",
                    "At most " + ArtifactDescription.MAX_TAGS + " tags of " + ArtifactDescription.MAX_TAG
                            + " characters each.");
        }
        return List.copyOf(tags);
    }

    private void forget(ArtifactFiles.Stored content) {
        if (content != null) {
            artifacts.forgetUnused(content);
        }
    }
}
