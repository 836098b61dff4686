package io.orchestrator.queues;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeCall;
import io.orchestrator.nodes.NodeCategory;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.Routes;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/** Sends a message to a queue: the node's input, or its own body; outputs where it went and its id. */
@ApplicationScoped
public class QueueWriterNode implements NodeType {

    public static final String KEY = "queue-writer";

    private static final Form FORM = new Form(
            QueueReaderNode.BROKER,
            FormField.of("queue", FieldType.TEXT).required().help("The queue to send to; may use ${...} templates."),
            FormField.of("body", FieldType.JSON)
                    .help("The message: JSON, or text when a string; may use ${...} templates. Empty: the"
                            + " node's input."),
            FormField.of("properties", FieldType.KEY_VALUE)
                    .help("Message properties (names are Java identifiers); headers on RabbitMQ."));

    @Inject
    ConnectionLookup connections;

    @Inject
    Brokers brokers;

    @Inject
    QueueSender sender;

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Queue Writer";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.ACTION;
    }

    @Override
    public String description() {
        return "Sends the input, or a body of its own, as a message to a queue; the error route takes failures.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public boolean mayBlock() {
        return true;
    }

    @Override
    public java.util.List<String> routes(JsonObject formValues) {
        return Routes.DEFAULT_AND_ERROR;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        QueueReaderNode.checkBroker(values, errors, connections);
        if (values.get("queue") instanceof JsonString queue && !FormValidator.isTemplate(queue)) {
            String problem = QueueNames.problem(queue.getString().trim());
            if (problem != null) {
                errors.add("queue", problem);
            }
        }
        if (values.get("properties") instanceof JsonObject properties) {
            FieldErrors nested = errors.nested("properties");
            for (String name : properties.keySet()) {
                String problem = QueueMessages.propertyProblem(name);
                if (problem != null) {
                    nested.add(name, problem);
                }
            }
        }
    }

    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        String queue = call.resolved("queue") instanceof JsonString text
                ? text.getString().trim()
                : "";
        String problem = QueueNames.problem(queue);
        if (problem != null) {
            throw new NodeFailure(ErrorType.VALIDATION, "queue: " + problem);
        }
        JsonValue body = call.resolved("body");
        if (body == JsonValue.NULL
                || body instanceof JsonString text && text.getString().isEmpty()) {
            body = call.input() == null ? JsonValue.NULL : call.input();
        }
        JsonObject properties =
                call.resolved("properties") instanceof JsonObject given ? given : JsonValue.EMPTY_JSON_OBJECT;
        for (Map.Entry<String, JsonValue> property : properties.entrySet()) {
            String wrong = QueueMessages.propertyProblem(property.getKey());
            if (wrong != null) {
                throw new NodeFailure(ErrorType.VALIDATION, "properties." + property.getKey() + ": " + wrong);
            }
        }
        String broker = call.formValues().getString("broker", "");
        QueueBroker target;
        try {
            target = brokers.forNode(call.workflowId(), broker);
        } catch (BrokerUnavailable unusable) {
            throw new NodeFailure(ErrorType.VALIDATION, unusable.getMessage());
        }
        String messageId;
        try {
            messageId = sender.send(target, queue, body, properties);
        } catch (JMSException | RuntimeException failed) {
            throw new NodeFailure(
                    ErrorType.CONNECTION,
                    "Could not send to queue " + queue + " of " + target.describe() + ": " + failed.getMessage(),
                    failed);
        }
        JsonObjectBuilder output = JSON.createObjectBuilder()
                .add("queue", queue)
                .add("broker", BrokerChoice.isEmbedded(broker) ? BrokerChoice.EMBEDDED : broker.trim());
        if (messageId != null) {
            output.add("message_id", messageId);
        }
        return NodeOutcome.of(output.build());
    }
}
