package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchNodeTest {

    private final SwitchNode type = new SwitchNode();

    private List<String> routes(String values) {
        return type.routes(object(values));
    }

    @Test
    void hasARoutePerCaseThenDefault() {
        assertEquals(List.of("paid", "refunded", "default"), routes("{'cases': ['paid', 'refunded']}"));
    }

    @Test
    void hasOnlyTheDefaultRouteWithoutCases() {
        assertEquals(List.of("default"), routes("{}"));
        assertEquals(List.of("default"), routes("{'cases': []}"));
    }

    @Test
    void namesRoutesOfNumberAndBooleanCasesByTheirJsonText() {
        assertEquals(List.of("200", "true", "default"), routes("{'cases': [200, true]}"));
    }

    @Test
    void acceptsDistinctCases() {
        assertEquals(object("{}"), problems(type, "{'cases': ['a', 'b', 3]}"));
    }

    @Test
    void refusesTheReservedRouteNamesAsCases() {
        assertEquals(reported("cases", "'default' is a reserved route name.", "'error' is a reserved route name."),
                problems(type, "{'cases': ['default', 'ok', 'error']}"));
    }

    @Test
    void refusesACaseListedTwice() {
        assertEquals(reported("cases", "The case 'a' is listed twice."), problems(type, "{'cases': ['a', 'b', 'a']}"));
    }

    @Test
    void aNumberAndTheSameTextAreTheSameCase() {
        assertEquals(reported("cases", "The case '1' is listed twice."), problems(type, "{'cases': [1, '1']}"));
    }

    @Test
    void refusesABlankCaseOrOneOverAHundredCharacters() {
        assertEquals(reported("cases", "Each case must be 1 to 100 characters.", "Each case must be 1 to 100 characters."),
                problems(type, "{'cases': [' ', '" + "c".repeat(101) + "', '" + "c".repeat(100) + "']}"));
    }
}
