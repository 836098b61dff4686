package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals(
                reported("cases", "'default' is a reserved route name.", "'error' is a reserved route name."),
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
        assertEquals(
                reported("cases", "Each case must be 1 to 100 characters.", "Each case must be 1 to 100 characters."),
                problems(type, "{'cases': [' ', '" + "c".repeat(101) + "', '" + "c".repeat(100) + "']}"));
    }

    // running

    private NodeOutcome run(String values, String input) throws NodeFailure {
        return TestNodeCall.of(type, values, input).run();
    }

    @Test
    void takesTheRouteOfTheMatchingCaseWithTheInputAsOutput() throws Exception {
        NodeOutcome outcome =
                run("{'expression': '${input.status}', 'cases': ['paid', 'refunded']}", "{'status': 'refunded'}");
        assertEquals("refunded", outcome.route());
        assertEquals(object("{'status': 'refunded'}"), outcome.output());
    }

    @Test
    void takesTheDefaultRouteWithoutAMatch() throws Exception {
        assertEquals(
                "default",
                run("{'expression': 'input.status', 'cases': ['paid']}", "{'status': 'lost'}")
                        .route());
    }

    @Test
    void acceptsAnExpressionWithoutDollarBraces() throws Exception {
        assertEquals(
                "paid",
                run("{'expression': 'input.status', 'cases': ['paid']}", "{'status': 'paid'}")
                        .route());
    }

    @Test
    void matchesNumbersAndBooleansByValueOrByText() throws Exception {
        assertEquals(
                "200",
                run("{'expression': '${input.code}', 'cases': [404, 200]}", "{'code': 200}")
                        .route());
        assertEquals(
                "200",
                run("{'expression': '${input.code}', 'cases': ['200']}", "{'code': 200}")
                        .route());
        assertEquals(
                "2.0",
                run("{'expression': '${input.n}', 'cases': ['2.0']}", "{'n': 2}")
                        .route());
        assertEquals(
                "true",
                run("{'expression': '${input.ok}', 'cases': [false, true]}", "{'ok': true}")
                        .route());
        assertEquals(
                "7",
                run("{'expression': '${input.code}', 'cases': [7]}", "{'code': '7'}")
                        .route());
    }

    @Test
    void theFirstMatchingCaseWins() throws Exception {
        assertEquals(
                "1",
                run("{'expression': '${input.n}', 'cases': [1, '1.0']}", "{'n': 1}")
                        .route());
    }

    @Test
    void aNullValueMatchesNoCase() throws Exception {
        assertEquals(
                "default",
                run("{'expression': '${input.missing}', 'cases': ['null', '']}", "{}")
                        .route());
    }

    @Test
    void aBrokenExpressionFailsTheNode() {
        NodeFailure failure = assertThrows(
                NodeFailure.class, () -> run("{'expression': '${input.a.getClass()}', 'cases': ['x']}", "{'a': 1}"));
        assertEquals(ErrorType.EXPRESSION, failure.errorType());
    }
}
