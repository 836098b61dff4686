package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The check a save must pass: the form's, then (only when the form is satisfied) the type's own. */
class NodeTypeRegistryTest {

    private final NodeTypeRegistry registry = new NodeTypeRegistry();
    private final FieldErrors errors = new FieldErrors();

    private JsonObject check(NodeType type, String values) {
        registry.check(type, object(values), errors);
        return errors.toJson();
    }

    @Test
    void reportsFormErrors() {
        assertEquals(
                object("{'method': ['Must be one of: GET, POST, PUT, PATCH, DELETE.'],"
                        + " 'colour': ['Unknown field. Known fields: path, method, response_mode, secret.']}"),
                check(new WebhookNode(), "{'path': 'orders', 'method': 'TRACE', 'colour': 'red'}"));
    }

    @Test
    void skipsTheTypesOwnChecksWhileTheFormHasErrors() {
        assertEquals(
                reported("cases[1]", "Must be a string, number or boolean."),
                check(new SwitchNode(), "{'cases': ['default', {'a': 1}]}"));
    }

    @Test
    void runsTheTypesOwnChecksOnceTheFormIsSatisfied() {
        assertEquals(
                reported("cases", "'default' is a reserved route name."),
                check(new SwitchNode(), "{'expression': '${input.x}', 'cases': ['default']}"));
    }

    @Test
    void addsToTheErrorsItIsGiven() {
        errors.add("name", "Taken.");
        assertEquals(
                object("{'name': ['Taken.'], 'timezone': ['Must be a string.']}"),
                check(new ScheduleNode(), "{'cron': '* * * * *', 'timezone': 3}"));
    }

    @Test
    void leavesMissingRequiredFieldsToTheRun() {
        check(new HttpRequestNode(), "{}");
        assertTrue(errors.isEmpty());
    }

    @Test
    void findsNothingForANullKey() {
        assertTrue(registry.find(null).isEmpty());
    }
}
