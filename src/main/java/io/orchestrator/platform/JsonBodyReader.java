package io.orchestrator.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads every JSON request body of the API, through the {@link BodyReader} and its limits. It
 * takes the body whatever its content type (curl's {@code -d} says form-urlencoded), and refuses
 * an empty body unless the parameter is an {@link OptionalBody}, and a value of another kind than
 * the parameter's. application/json is named beside the wildcard so that, for a JSON request, a
 * runtime's own JSON-P reader (Jersey's, on Payara) is not the more specific match and this one,
 * the application's, is taken (and ranked first among equals by its priority).
 */
@Provider
@Priority(Priorities.USER - 100)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonBodyReader implements MessageBodyReader<JsonValue> {

    @Inject
    BodyReader bodies;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonValue.class.isAssignableFrom(type);
    }

    @Override
    public JsonValue readFrom(
            Class<JsonValue> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream body) {
        return read(bodies, type, annotations, headers, body);
    }

    /** The body as a JSON value of the parameter's type, or the API's 400 (shared with {@link JsonObjectBodyReader}). */
    static <T extends JsonValue> T read(
            BodyReader bodies,
            Class<T> type,
            Annotation[] annotations,
            MultivaluedMap<String, String> headers,
            InputStream body) {
        Optional<JsonValue> value = bodies.json(body, headers.getFirst(HttpHeaders.CONTENT_LENGTH));
        if (value.isEmpty()) {
            if (Arrays.stream(annotations).anyMatch(OptionalBody.class::isInstance)
                    && type.isInstance(JsonValue.NULL)) {
                return type.cast(JsonValue.NULL);
            }
            throw ApiException.invalidRequest("The request body is empty; send a JSON document");
        }
        if (!type.isInstance(value.get())) {
            throw ApiException.invalidRequest("The request body must be a JSON " + expected(type));
        }
        return type.cast(value.get());
    }

    private static String expected(Class<?> type) {
        return JsonObject.class.isAssignableFrom(type)
                ? "object"
                : JsonArray.class.isAssignableFrom(type) ? "array" : "value";
    }
}
