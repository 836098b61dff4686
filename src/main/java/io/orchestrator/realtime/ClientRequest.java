package io.orchestrator.realtime;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * What a client may ask over the WebSocket: {@code ping}, {@code request_state}, and for a run
 * under way {@code user_selection}, {@code user_feedback}, {@code pause_run}, {@code resume_run}.
 */
enum ClientRequest {
    PING("ping"),
    REQUEST_STATE("request_state"),
    USER_SELECTION("user_selection"),
    USER_FEEDBACK("user_feedback"),
    PAUSE_RUN("pause_run"),
    RESUME_RUN("resume_run");

    private static final String KNOWN = "ping, request_state, user_selection, user_feedback, pause_run, resume_run";

    /** A request and the message that carried it. */
    record Message(ClientRequest request, JsonObject body) {}

    /** A message that is not a request; its text is the human part of the error sent back. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private final String type;

    ClientRequest(String type) {
        this.type = type;
    }

    String type() {
        return type;
    }

    static Message parse(String text) throws Invalid {
        JsonObject message = object(text);
        if (!(message.get("type") instanceof JsonString type)) {
            throw new Invalid("The message has no \"type\" string; known types: " + KNOWN);
        }
        for (ClientRequest request : values()) {
            if (request.type.equals(type.getString())) {
                return new Message(request, message);
            }
        }
        throw new Invalid("Unknown message type; known types: " + KNOWN);
    }

    /** The one JSON object the text holds: nothing before or after it. */
    private static JsonObject object(String text) throws Invalid {
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new Invalid("The message must be a JSON object with a \"type\"");
            }
            JsonObject message = parser.getObject();
            if (parser.hasNext()) {
                throw new Invalid("The message must hold one JSON object and nothing after it");
            }
            return message;
        } catch (JsonException | IllegalStateException malformed) {
            throw new Invalid("The message is not valid JSON");
        }
    }
}
