package io.orchestrator.queues;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.nodes.NodeCategory;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.FieldErrors;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueNodesTest {

    private static JsonObject problems(NodeType type, String values) {
        FieldErrors errors = new FieldErrors();
        type.checkValues(object(values), errors);
        return errors.toJson();
    }

    private static JsonObject reported(String field, String message) {
        return Json.createObjectBuilder()
                .add(field, Json.createArrayBuilder().add(message))
                .build();
    }

    private static ConnectionSettings connection(String id, ConnectionKind kind) {
        return new ConnectionSettings(
                id, "broker " + id, kind, "amqp://127.0.0.1:5672", "guest:guest", null, null, null, null, "default");
    }

    private static QueueReaderNode reader() {
        QueueReaderNode type = new QueueReaderNode();
        type.connections = id -> switch (id) {
            case "rabbit" -> Optional.of(connection(id, ConnectionKind.RABBITMQ));
            case "web" -> Optional.of(connection(id, ConnectionKind.HTTP));
            default -> Optional.empty();
        };
        return type;
    }

    private static QueueWriterNode writer() {
        QueueWriterNode type = new QueueWriterNode();
        type.connections = reader().connections;
        return type;
    }

    @Test
    void aReaderIsATriggerAndAWriterAnActionWithAnErrorRoute() {
        assertTrue(reader().isTrigger());
        assertEquals(NodeCategory.ACTION, writer().category());
        assertEquals(Routes.DEFAULT_AND_ERROR, writer().routes(object("{}")));
    }

    @Test
    void theBrokerDefaultsToTheEmbeddedEngineAndTheOutputToTheBody() {
        assertEquals(object("{'broker': 'embedded', 'output': 'body'}"), reader().initialValues(object("{}")));
        assertEquals(object("{'broker': 'embedded'}"), writer().initialValues(object("{}")));
    }

    @Test
    void acceptsAQueueOnTheEmbeddedEngineOrOnARabbitmqConnection() {
        assertEquals(object("{}"), problems(reader(), "{'broker': 'embedded', 'queue': 'orders.in'}"));
        assertEquals(object("{}"), problems(reader(), "{'broker': 'rabbit', 'queue': 'orders_in-2'}"));
        assertEquals(
                object("{}"), problems(writer(), "{'broker': 'rabbit', 'queue': 'out', 'properties': {'kind': 'x'}}"));
    }

    @Test
    void refusesAnEmptyQueueName() {
        assertEquals(reported("queue", "A queue name is required."), problems(reader(), "{'queue': '  '}"));
        assertEquals(reported("queue", "A queue name is required."), problems(writer(), "{'queue': ''}"));
    }

    @Test
    void refusesAQueueNameWithSpacesOrSlashes() {
        String problem = problems(reader(), "{'queue': 'my queue'}")
                .getJsonArray("queue")
                .getString(0);
        assertTrue(problem.startsWith("Use letters, digits"), problem);
        assertTrue(problems(writer(), "{'queue': 'a/b'}").containsKey("queue"));
    }

    @Test
    void aReaderNamesItsQueueWithoutTemplatesAWriterMayUseThem() {
        assertTrue(problems(reader(), "{'queue': '${input.queue}'}").containsKey("queue"));
        assertEquals(object("{}"), problems(writer(), "{'queue': '${input.queue}'}"));
    }

    @Test
    void refusesAnUnknownConnection() {
        String problem = problems(reader(), "{'broker': 'gone', 'queue': 'q'}")
                .getJsonArray("broker")
                .getString(0);
        assertTrue(problem.startsWith("No connection 'gone'"), problem);
        assertTrue(problems(writer(), "{'broker': 'gone', 'queue': 'q'}").containsKey("broker"));
    }

    @Test
    void refusesAConnectionOfAnotherKind() {
        assertEquals(
                reported(
                        "broker",
                        "The connection 'broker web' is of kind http; a queue node takes a rabbitmq connection."),
                problems(reader(), "{'broker': 'web', 'queue': 'q'}"));
    }

    @Test
    void refusesPropertyNamesJakartaMessagingCannotCarry() {
        var properties = problems(writer(), "{'queue': 'q', 'properties': {'1st': 'a', 'JMSType': 'b', 'ok_1': 'c'}}")
                .getJsonObject("properties");
        assertEquals(2, properties.size(), properties.toString());
        assertTrue(properties.containsKey("1st"));
        assertTrue(properties.containsKey("JMSType"));
    }
}
