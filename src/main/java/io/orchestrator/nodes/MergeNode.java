package io.orchestrator.nodes;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Joins branches: waits for every incoming edge to be resolved, then combines what arrived. */
@ApplicationScoped
public class MergeNode implements NodeType {

    public static final String KEY = "merge";

    private static final Form FORM = new Form(FormField.of("mode", FieldType.CHOICE)
            .options("by_name", "list")
            .defaultValue("by_name")
            .help("by_name: an object keyed by source node name; list: the inputs as a list."));

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Merge";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.LOGIC;
    }

    @Override
    public String description() {
        return "Combines the outputs of the branches that reach it.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public boolean takesInputsByName() {
        return true;
    }

    /**
     * by_name: the input as the engine gives it, an object keyed by source node name. list: the
     * values of that object, in the order of its keys. This relies on the engine giving a merge
     * node the keyed object even when only one source arrived (otherwise a single source's own
     * object would be taken apart); an input that is not an object becomes a list of one.
     */
    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        String mode = ResolvedFields.text(call, "mode").orElse("by_name");
        JsonValue input = call.input();
        return switch (mode) {
            case "by_name" -> NodeOutcome.of(input);
            case "list" -> {
                JsonArrayBuilder list = JSON.createArrayBuilder();
                if (input instanceof JsonObject bySource) {
                    bySource.values().forEach(list::add);
                } else {
                    list.add(input);
                }
                yield NodeOutcome.of(list.build());
            }
            default -> throw ResolvedFields.invalid("mode", "must be by_name or list, but is '" + mode + "'.");
        };
    }
}
