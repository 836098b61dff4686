package io.orchestrator.nodes;

import io.orchestrator.nodes.form.Form;
import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * A kind of node: how it describes itself to the palette and the API, and which routes a node of
 * this kind can take. Implementations are {@code @ApplicationScoped} beans in this package.
 */
public interface NodeType {

    /** The stable key used in the API ({@code node_type}, {@code nodeTemplate}). */
    String key();

    String displayName();

    NodeCategory category();

    String description();

    Form form();

    default boolean isTrigger() {
        return category() == NodeCategory.TRIGGER;
    }

    /** The routes a node with these form values can take; each is a handle edges can leave from. */
    default List<String> routes(JsonObject formValues) {
        return Routes.DEFAULT_ONLY;
    }

    /** For types whose routes come from a form field (switch): that field's name, else null. */
    default String routesFromField() {
        return null;
    }

    /** Checks beyond the form's types (cron syntax, unique case values...), reported per field. */
    default void checkValues(JsonObject formValues, FieldErrors errors) {}

    /** The form values of a node just added to the canvas: the defaults, plus anything generated. */
    default JsonObject initialValues(JsonObject given) {
        return form().withDefaults(given);
    }

    /**
     * Whether an attempt may wait on something outside the server (a network call): the engine
     * then watches its timeout and interrupts it. Types that only compute need no watch.
     */
    default boolean mayBlock() {
        return false;
    }

    /**
     * Whether the node's input is always an object keyed by source node name, even when only one
     * incoming branch arrived (a join such as merge). Other nodes with a single source get that
     * source's output as it is.
     */
    default boolean takesInputsByName() {
        return false;
    }

    /**
     * Whether a human-input node downstream may ask this node to run again with a person's
     * feedback ({@link NodeCall#feedback()}): the nearest such upstream node is the one regenerated.
     */
    default boolean regeneratesWithFeedback() {
        return false;
    }

    /**
     * Runs one attempt of a node of this type. Throwing {@link NodeFailure} fails the attempt (the
     * engine retries or takes the error route); anything else thrown is a defect of the type, and
     * fails the attempt too.
     */
    default NodeOutcome execute(NodeCall call) throws NodeFailure {
        throw new NodeFailure(ErrorType.UNSUPPORTED, "Node type '" + key() + "' cannot run yet.");
    }
}
