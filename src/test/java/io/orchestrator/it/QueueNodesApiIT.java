package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Queue nodes on the embedded messaging engine and on RabbitMQ (127.0.0.1:5672, guest/guest): one
 * message starts one run with the body as input and is acknowledged; a writer's message arrives;
 * a bad broker or queue is refused at save.
 */
class QueueNodesApiIT {

    /** The queue liberty/server.xml declares on the embedded engine. */
    private static final String EMBEDDED_QUEUE = "orchestrator";

    private final Api api = SharedServer.admin();

    private static JsonObject form(String json) {
        return (JsonObject) Api.parse(json.replace('\'', '"'));
    }

    private static Connection rabbit() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory.newConnection("QueueNodesApiIT");
    }

    private String rabbitConnection() {
        return api.post(
                        "/api/connections/",
                        Json.createObjectBuilder()
                                .add("name", "rabbit " + UUID.randomUUID())
                                .add("kind", "rabbitmq")
                                .add("base_url", "amqp://127.0.0.1:5672/")
                                .add("secret", "guest:guest")
                                .build())
                .object(201)
                .getString("id");
    }

    /** An active workflow of one queue-reader node. */
    private TestWorkflow activeReader(String broker, String queue) {
        TestWorkflow workflow = TestWorkflow.create(api, "queue reader");
        workflow.addNode("queue-reader", "Orders", form("{'broker': '" + broker + "', 'queue': '" + queue + "'}"));
        api.patch(workflow.path(), "{\"active\": true}").object(200);
        return workflow;
    }

    private List<JsonObject> runs(TestWorkflow workflow) {
        return api.get("/api/runs/?workflow_id=" + workflow.id() + "&limit=100")
                .object(200)
                .getJsonArray("runs")
                .getValuesAs(JsonObject.class);
    }

    private List<JsonObject> awaitRuns(TestWorkflow workflow, int count) {
        Eventually.until(
                () -> runs(workflow).stream()
                                .filter(run -> run.getString("status").equals("SUCCESS"))
                                .count()
                        >= count,
                Duration.ofSeconds(40),
                () -> "runs of " + workflow.id() + ": " + runs(workflow));
        return runs(workflow);
    }

    private JsonValue inputOf(JsonObject run) {
        return api.get("/api/runs/" + run.getString("id") + "/").object(200).get("input");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theNodeCatalogueListsBothQueueNodes() {
        Set<String> keys = new HashSet<>();
        api.get("/api/nodes/").object(200).getJsonArray("node_types").getValuesAs(JsonObject.class).stream()
                .forEach(type -> keys.add(type.getString("key", type.getString("node_type", ""))));
        JsonObject reader = api.get("/api/nodes/queue-reader/").object(200);
        JsonObject writer = api.get("/api/nodes/queue-writer/").object(200);
        assertEquals("trigger", reader.getString("category"), reader.toString());
        assertEquals("action", writer.getString("category"), writer.toString());
        assertTrue(api.get("/api/nodes/").text().contains("\"queue-reader\""));
        assertTrue(api.get("/api/nodes/").text().contains("\"queue-writer\""));
    }

    @Test
    void anUnknownConnectionOrAnEmptyQueueIsRefusedAtSave() {
        TestWorkflow workflow = TestWorkflow.create(api, "bad queue nodes");
        JsonObject unknown = api.post(
                        workflow.path("nodes/add/"),
                        Json.createObjectBuilder()
                                .add("nodeTemplate", "queue-reader")
                                .add("form_values", form("{'broker': 'no-such-connection', 'queue': 'q'}"))
                                .build())
                .error(422, "VALIDATION_ERROR");
        assertTrue(unknown.toString().contains("No connection 'no-such-connection'"), unknown.toString());
        JsonObject empty = api.post(
                        workflow.path("nodes/add/"),
                        Json.createObjectBuilder()
                                .add("nodeTemplate", "queue-writer")
                                .add("form_values", form("{'queue': ''}"))
                                .build())
                .error(422, "VALIDATION_ERROR");
        assertTrue(empty.toString().contains("A queue name is required."), empty.toString());
        String id = workflow.addNode("queue-writer", "Send", form("{'queue': 'fine'}"))
                .getString("id");
        api.patch(
                        workflow.nodePath(id, ""),
                        Json.createObjectBuilder()
                                .add("form_values", form("{'queue': 'two words'}"))
                                .build())
                .error(422, "VALIDATION_ERROR");
    }

    @Test
    void aMessageWrittenToTheEmbeddedQueueStartsExactlyOneRunWithTheBodyAsInput() {
        TestWorkflow reader = activeReader("embedded", EMBEDDED_QUEUE);
        String marker = UUID.randomUUID().toString();
        TestWorkflow writer = TestWorkflow.create(api, "queue writer");
        String start = writer.addNodeId("manual-trigger", "Start");
        String send = writer.addNode(
                        "queue-writer",
                        "Send",
                        form("{'queue': '" + EMBEDDED_QUEUE + "', 'properties': {'origin': 'it'}}"))
                .getString("id");
        writer.connect(start, send);
        try {
            JsonObject written = writer.runToEnd(form("{'marker': '" + marker + "'}"));
            assertEquals("SUCCESS", written.getString("status"), written.toString());
            JsonObject output = TestWorkflow.lastExecution(written, send).getJsonObject("output");
            assertEquals(EMBEDDED_QUEUE, output.getString("queue"));
            assertEquals("embedded", output.getString("broker"));
            assertTrue(output.containsKey("message_id"), output.toString());

            List<JsonObject> runs = awaitRuns(reader, 1);
            sleep(3_000);
            runs = runs(reader);
            assertEquals(1, runs.size(), "one message, one run: " + runs);
            assertEquals("queue", runs.get(0).getString("trigger"));
            assertEquals(form("{'marker': '" + marker + "'}"), inputOf(runs.get(0)));
        } finally {
            api.patch(reader.path(), "{\"active\": false}").object(200);
        }
    }

    @Test
    void aRabbitmqQueueGivesOneRunPerMessageAndIsEmptyAfterwards() throws Exception {
        String queue = "it-h3-reader-" + UUID.randomUUID();
        try (Connection connection = rabbit();
                Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
            try {
                for (int i = 0; i < 3; i++) {
                    channel.basicPublish("", queue, null, ("{\"n\": " + i + "}").getBytes(StandardCharsets.UTF_8));
                }
                channel.basicPublish("", queue, null, "plain text".getBytes(StandardCharsets.UTF_8));
                TestWorkflow reader = activeReader(rabbitConnection(), queue);
                try {
                    List<JsonObject> runs = awaitRuns(reader, 4);
                    Eventually.until(
                            () -> messageCount(channel, queue) == 0,
                            Duration.ofSeconds(10),
                            () -> queue + " still holds messages");
                    sleep(2_000);
                    runs = runs(reader);
                    assertEquals(4, runs.size(), "one run per message: " + runs);
                    Set<JsonValue> inputs = new HashSet<>();
                    runs.forEach(run -> inputs.add(inputOf(run)));
                    assertEquals(
                            Set.of(
                                    form("{'n': 0}"),
                                    form("{'n': 1}"),
                                    form("{'n': 2}"),
                                    Json.createValue("plain text")),
                            inputs);
                    assertEquals(0, messageCount(channel, queue), "every message acknowledged");
                } finally {
                    api.patch(reader.path(), "{\"active\": false}").object(200);
                }
            } finally {
                channel.queueDelete(queue);
            }
        }
    }

    @Test
    void aWriterOnARabbitmqConnectionSendsTheTemplatedBody() throws Exception {
        String queue = "it-h3-writer-" + UUID.randomUUID();
        TestWorkflow writer = TestWorkflow.create(api, "rabbit writer");
        String start = writer.addNodeId("manual-trigger", "Start");
        String send = writer.addNode(
                        "queue-writer",
                        "Send",
                        form("{'broker': '" + rabbitConnection() + "', 'queue': '" + queue
                                + "', 'body': {'order': '${input.id}'}, 'properties': {'kind': 'order'}}"))
                .getString("id");
        writer.connect(start, send);
        try (Connection connection = rabbit();
                Channel channel = connection.createChannel()) {
            try {
                JsonObject run = writer.runToEnd(form("{'id': 'A-17'}"));
                assertEquals("SUCCESS", run.getString("status"), run.toString());
                GetResponse received = channel.basicGet(queue, true);
                assertTrue(received != null, "a message on " + queue);
                assertEquals(
                        form("{'order': 'A-17'}"), Api.parse(new String(received.getBody(), StandardCharsets.UTF_8)));
                assertEquals(
                        "order", String.valueOf(received.getProps().getHeaders().get("kind")));
            } finally {
                channel.queueDelete(queue);
            }
        }
    }

    private static long messageCount(Channel channel, String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException failed) {
            throw new IllegalStateException(failed);
        }
    }
}
