package io.orchestrator.platform;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * JSON-object bodies, read exactly as {@link JsonBodyReader} reads every JSON body. A JAX-RS runtime
 * takes the reader declared for the type closest to the parameter's: Jersey (Payara, GlassFish) has
 * its own JSON-P reader for JsonStructure, one step closer to a JsonObject parameter than JsonValue,
 * and it read bodies past the API's limits and answered an array with a 500. Declared for JsonObject
 * itself, this one is the closest on every server.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonObjectBodyReader implements MessageBodyReader<JsonObject> {

    @Inject
    BodyReader bodies;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(
            Class<JsonObject> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream body) {
        return JsonBodyReader.read(bodies, type, annotations, headers, body);
    }
}
