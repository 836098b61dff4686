package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.NumberLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Matches an expression against named cases: one route per case, and default. */
@ApplicationScoped
public class SwitchNode implements NodeType {

    private static final Form FORM = new Form(
            FormField.of("expression", FieldType.EXPRESSION)
                    .required()
                    .help("The value to match, for example ${input.status}."),
            FormField.of("cases", FieldType.STRING_LIST)
                    .defaultValue(JsonValue.EMPTY_JSON_ARRAY)
                    .help("Each value is a route; no match takes the default route."));

    @Override
    public String key() {
        return "switch";
    }

    @Override
    public String displayName() {
        return "Switch";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.LOGIC;
    }

    @Override
    public String description() {
        return "Routes the run by matching a value against cases.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public String routesFromField() {
        return "cases";
    }

    @Override
    public List<String> routes(JsonObject formValues) {
        Set<String> routes = new LinkedHashSet<>(caseNames(formValues));
        routes.add(Routes.DEFAULT);
        return List.copyOf(routes);
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        List<String> names = caseNames(values);
        for (String name : names) {
            if (name.isBlank() || name.length() > 100) {
                errors.add("cases", "Each case must be 1 to 100 characters.");
            } else if (Routes.DEFAULT.equals(name) || Routes.ERROR.equals(name)) {
                errors.add("cases", "'" + name + "' is a reserved route name.");
            }
        }
        FormValidator.duplicates(names)
                .forEach(name -> errors.add("cases", "The case '" + name + "' is listed twice."));
    }

    /**
     * Takes the route of the first case equal to the expression's value: the same JSON value, the
     * same number (1 matches a case 1.0), or, for text, numbers and booleans, the same text (a
     * case "200" matches the number 200). No match takes the default route. The output is the input.
     */
    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        JsonValue value = call.resolved("expression");
        JsonValue cases = call.formValues().get("cases");
        List<String> names = caseNames(call.formValues());
        for (int i = 0; i < names.size(); i++) {
            if (matches(value, cases.asJsonArray().get(i), names.get(i))) {
                return NodeOutcome.routed(call.input(), names.get(i));
            }
        }
        return NodeOutcome.routed(call.input(), Routes.DEFAULT);
    }

    private static boolean matches(JsonValue value, JsonValue caseValue, String caseName) {
        if (value.equals(caseValue)) {
            return true;
        }
        if (value instanceof JsonNumber number) {
            try {
                return number.bigDecimalValue().compareTo(NumberLimits.parse(caseName)) == 0;
            } catch (NumberFormatException | ArithmeticException notANumberWeCompare) {
                return false;
            }
        }
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString().equals(caseName);
            case TRUE, FALSE -> value.toString().equals(caseName);
            default -> false;
        };
    }

    private static List<String> caseNames(JsonObject values) {
        List<String> names = new ArrayList<>();
        if (values.get("cases") instanceof JsonArray cases) {
            for (JsonValue value : cases) {
                names.add(value instanceof JsonString string ? string.getString() : value.toString());
            }
        }
        return names;
    }
}
