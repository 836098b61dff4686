package io.orchestrator.queues;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.JsonText;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Messages to and from JSON. A body is text: JSON when it parses as JSON (within the limits of any
 * outside document), else the text as a string; a JSON string is sent as its text, anything else
 * as JSON. Bytes are read as UTF-8, which is what other AMQP clients send text as.
 */
public final class QueueMessages {

    /** The largest body a reader takes; a larger one fails the run's start and stays on the queue. */
    public static final int MAX_BODY_CHARS = JsonText.MAX_OUTSIDE_CHARS;

    /** Jakarta Messaging property names are Java identifiers, and the JMS prefixes are the provider's. */
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,199}");

    private QueueMessages() {}

    public static String propertyProblem(String name) {
        if (!PROPERTY.matcher(name).matches()) {
            return "A property name is a Java identifier (letters, digits, _ and $; not starting with a digit).";
        }
        if (name.startsWith("JMS")) {
            return "Names starting with JMS belong to the messaging provider.";
        }
        return null;
    }

    /** The body as a run's input. */
    public static JsonValue body(Message message) throws JMSException {
        String text;
        if (message instanceof TextMessage textMessage) {
            text = textMessage.getText();
        } else if (message instanceof BytesMessage bytes) {
            long length = bytes.getBodyLength();
            if (length > MAX_BODY_CHARS * 4L) {
                throw new JMSException(
                        "The message body has " + length + " bytes; at most " + MAX_BODY_CHARS * 4L + " are taken.");
            }
            byte[] content = new byte[(int) length];
            bytes.readBytes(content);
            text = new String(content, StandardCharsets.UTF_8);
        } else {
            text = message.getBody(String.class);
        }
        if (text == null) {
            return JsonValue.NULL;
        }
        try {
            return JsonText.parseOutside(text);
        } catch (JsonException notJson) {
            return JSON.createValue(text);
        }
    }

    /** The whole message: body, properties, id, redelivery flag and time sent. */
    public static JsonObject describe(Message message, String queue) throws JMSException {
        JsonObjectBuilder properties = JSON.createObjectBuilder();
        for (Object name : Collections.list(message.getPropertyNames())) {
            String key = (String) name;
            Object value = message.getObjectProperty(key);
            if (value instanceof Boolean flag) {
                properties.add(key, flag);
            } else if (value instanceof Number number && !(value instanceof Float || value instanceof Double)) {
                properties.add(key, number.longValue());
            } else if (value instanceof Number number) {
                properties.add(key, number.doubleValue());
            } else if (value != null) {
                properties.add(key, value.toString());
            }
        }
        JsonObjectBuilder described = JSON.createObjectBuilder()
                .add("queue", queue)
                .add("body", body(message))
                .add("properties", properties)
                .add("redelivered", message.getJMSRedelivered());
        if (message.getJMSMessageID() != null) {
            described.add("message_id", message.getJMSMessageID());
        }
        if (message.getJMSTimestamp() > 0) {
            described.add(
                    "sent_at",
                    java.time.Instant.ofEpochMilli(message.getJMSTimestamp()).toString());
        }
        return described.build();
    }

    /** A text message with that body and those properties (strings, numbers, booleans). */
    public static TextMessage create(Session session, JsonValue body, JsonObject properties) throws JMSException {
        TextMessage message =
                session.createTextMessage(body instanceof JsonString text ? text.getString() : JsonText.write(body));
        for (Map.Entry<String, JsonValue> property : properties.entrySet()) {
            JsonValue value = property.getValue();
            if (value instanceof JsonString text) {
                message.setStringProperty(property.getKey(), text.getString());
            } else if (value instanceof JsonNumber number && number.isIntegral()) {
                message.setLongProperty(property.getKey(), number.longValue());
            } else if (value instanceof JsonNumber number) {
                message.setDoubleProperty(property.getKey(), number.doubleValue());
            } else if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                message.setBooleanProperty(property.getKey(), value == JsonValue.TRUE);
            } else if (value != JsonValue.NULL) {
                message.setStringProperty(property.getKey(), JsonText.write(value));
            }
        }
        return message;
    }
}
