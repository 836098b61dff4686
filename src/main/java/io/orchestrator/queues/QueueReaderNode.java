package io.orchestrator.queues;

import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.nodes.NodeCall;
import io.orchestrator.nodes.NodeCategory;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Starts one run per message on a queue while its workflow is active; the message is acknowledged
 * once the run is stored (see the queues package).
 */
@ApplicationScoped
public class QueueReaderNode implements NodeType {

    public static final String KEY = "queue-reader";
    public static final String OUTPUT_BODY = "body";
    public static final String OUTPUT_MESSAGE = "message";

    static final FormField BROKER = FormField.of("broker", FieldType.TEXT)
            .defaultValue(BrokerChoice.EMBEDDED)
            .help("'" + BrokerChoice.EMBEDDED + "' for the server's own messaging engine, or the id of a"
                    + " rabbitmq connection.");

    private static final Form FORM = new Form(
            BROKER,
            FormField.of("queue", FieldType.TEXT)
                    .required()
                    .help("The queue to consume. On the embedded engine it must be declared in the server's"
                            + " configuration; on RabbitMQ it is declared durable if missing."),
            FormField.of("output", FieldType.CHOICE)
                    .options(OUTPUT_BODY, OUTPUT_MESSAGE)
                    .defaultValue(OUTPUT_BODY)
                    .help("body: the run's input is the message body (JSON when it parses, else text);"
                            + " message: {queue, body, properties, message_id, redelivered, sent_at}."));

    @Inject
    ConnectionLookup connections;

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Queue Reader";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.TRIGGER;
    }

    @Override
    public String description() {
        return "Starts a run for each message on a queue while the workflow is active.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        checkBroker(values, errors, connections);
        JsonValue queue = values.get("queue");
        if (FormValidator.isTemplate(queue)) {
            errors.add("queue", "A reader listens before any run exists: name the queue, without ${...}.");
        } else if (queue instanceof JsonString name) {
            String problem = QueueNames.problem(name.getString().trim());
            if (problem != null) {
                errors.add("queue", problem);
            }
        }
    }

    /** The broker field of both queue node types: the embedded engine, or an existing rabbitmq connection. */
    static void checkBroker(JsonObject values, FieldErrors errors, ConnectionLookup connections) {
        JsonValue broker = values.get("broker");
        if (FormValidator.isTemplate(broker)) {
            errors.add("broker", "Name the broker, without ${...}.");
        } else if (broker instanceof JsonString name) {
            String problem = BrokerChoice.problem(name.getString(), connections);
            if (problem != null) {
                errors.add("broker", problem);
            }
        }
    }

    /** The engine built the run's input from the message; it is this node's output. */
    @Override
    public NodeOutcome execute(NodeCall call) {
        return NodeOutcome.of(call.input());
    }
}
