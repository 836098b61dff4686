package io.orchestrator.workflow;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.BodyReader;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.platform.yaml.YamlReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

/**
 * The body of a workflow import, read as its content type says: JSON (also when no type is given),
 * or YAML under any of its usual names. Both go through the platform's body limits; YAML also
 * through the safe reader, whose code-point limit is the body limit.
 */
@ApplicationScoped
public class WorkflowFileBody {

    static final Set<String> YAML_TYPES = Set.of("application/yaml", "text/yaml", "application/x-yaml", "text/x-yaml");

    @Inject
    BodyReader bodies;

    @Inject
    OrchestratorConfig config;

    public JsonValue read(String contentType, String declaredLength, InputStream body) {
        String type =
                contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (type.isEmpty() || type.equals("application/json") || type.endsWith("+json")) {
            return bodies.json(body, declaredLength)
                    .orElseThrow(() -> ApiException.invalidRequest("The request body is empty; send a workflow file"));
        }
        if (YAML_TYPES.contains(type)) {
            String text = bodies.utf8Text(bodies.bytes(body, declaredLength));
            if (text.isBlank()) {
                throw ApiException.invalidRequest("The request body is empty; send a workflow file");
            }
            return YamlReader.read(
                    text, config.maxJsonDepth(), (int) Math.min(Integer.MAX_VALUE, config.maxBodyBytes()));
        }
        throw new ApiException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Send the workflow file as application/json or application/yaml, not " + type);
    }
}
