package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** RFC 7396 merge patch at the top level: keys in the patch replace, a key set to null is removed. */
public final class JsonMergePatch {

    private JsonMergePatch() {}

    public static JsonObject apply(JsonObject target, JsonObject patch) {
        JsonObjectBuilder merged = JSON.createObjectBuilder(target);
        patch.forEach((key, value) -> {
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                merged.remove(key);
            } else {
                merged.add(key, value);
            }
        });
        return merged.build();
    }
}
