package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;

/** Joins branches: waits for every incoming edge to be resolved, then combines what arrived. */
@ApplicationScoped
public class MergeNode implements NodeType {

    private static final Form FORM = new Form(
            FormField.of("mode", FieldType.CHOICE).options("by_name", "list").defaultValue("by_name")
                    .help("by_name: an object keyed by source node name; list: the inputs as a list."));

    @Override
    public String key() {
        return "merge";
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
}
