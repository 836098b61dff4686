package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.List;

/** Takes the true or the false route; its output is its input. */
@ApplicationScoped
public class ConditionNode implements NodeType {

    private static final Form FORM = new Form(FormField.of("expression", FieldType.EXPRESSION)
            .required()
            .help("A boolean expression, for example ${input.amount > 100}."));

    @Override
    public String key() {
        return "condition";
    }

    @Override
    public String displayName() {
        return "Condition";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.LOGIC;
    }

    @Override
    public String description() {
        return "Routes the run to true or false by an expression.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public List<String> routes(JsonObject formValues) {
        return List.of(Routes.TRUE, Routes.FALSE);
    }

    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        return NodeOutcome.routed(call.input(), call.test("expression") ? Routes.TRUE : Routes.FALSE);
    }
}
