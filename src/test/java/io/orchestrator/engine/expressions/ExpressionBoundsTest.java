package io.orchestrator.engine.expressions;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Expressions whose results would grow past what a server can hold, or numbers whose arithmetic
 * would pin a core, fail with a message instead (issue 13). Each of these took seconds to minutes,
 * or hundreds of megabytes, before the limits; the preemptive timeouts are a safety net so that a
 * regression fails instead of hanging the build, not a speed measurement.
 */
class ExpressionBoundsTest {

    private static final Duration SAFETY_NET = Duration.ofSeconds(20);

    private final Expressions expressions = new Expressions();

    private ExpressionScope scopeWith(String inputJson) {
        return new ExpressionScope(
                json(inputJson),
                Map.<String, JsonValue>of()::get,
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_OBJECT);
    }

    private String failureOf(String template, String inputJson) {
        return assertTimeoutPreemptively(
                        SAFETY_NET,
                        () -> assertThrows(
                                ExpressionException.class,
                                () -> expressions.render(Json.createValue(template), scopeWith(inputJson))))
                .getMessage();
    }

    private JsonValue render(String template, String inputJson) throws ExpressionException {
        return expressions.render(Json.createValue(template), scopeWith(inputJson));
    }

    @Test
    void aHugeExponentFromTextIsRefusedBeforeAnyArithmetic() {
        String message = failureOf("${number('1e100000000') + 1 > 0}", "{}");
        assertTrue(message.contains("outside the range"), message);
        assertTrue(message.contains("1E+100000000"), message);
    }

    @Test
    void aHugeExponentInTheInputIsRefusedWhenRead() {
        assertTrue(failureOf("${input.n + 1}", "{'n': 1e100000000}").contains("outside the range"));
        assertTrue(failureOf("${input.n + 1}", "{'n': -1e-100000000}").contains("outside the range"));
    }

    @Test
    void aVeryLongNumberTextIsRefusedWithoutParsingIt() {
        String digits = "9".repeat(1_900_000);
        String message = failureOf("${number(input.s) > 0}", "{'s': '" + digits + "'}");
        assertTrue(message.contains("1900000 characters"), message);
    }

    @Test
    void numbersWithinTheLimitsStayExact() throws Exception {
        String thousandDigits = "1" + "0".repeat(998) + "1";
        assertEquals(json(thousandDigits), render("${input.n * 10 + 1}", "{'n': 1" + "0".repeat(998) + "}"));
        assertEquals(json("1E+999"), render("${input.n}", "{'n': 1e999}"), "a number is passed on as it is");
        assertEquals(json("0.5"), render("${number('0.5')}", "{}"));
    }

    @Test
    void aResultPastTheLimitsIsRefused() {
        String big = "9".repeat(900);
        String message = failureOf("${input.n * input.n}", "{'n': " + big + "}");
        assertTrue(message.contains("outside the range"), message);
    }

    @Test
    void nestedReplaceCannotGrowATextPastTheLimit() {
        String message = failureOf(
                "${replace(replace(replace(input.s, '', input.s), '', input.s), '', input.s)}",
                "{'s': '" + "x".repeat(1000) + "'}");
        assertTrue(message.contains("replace() would make a text of"), message);
    }

    @Test
    void replaceWithinTheLimitStillWorks() throws Exception {
        assertEquals(Json.createValue("a-b-c"), render("${replace(input.s, ',', '-')}", "{'s': 'a,b,c'}"));
        assertEquals(Json.createValue("-a-b-"), render("${replace(input.s, '', '-')}", "{'s': 'ab'}"));
    }

    @Test
    void splittingALongTextIntoCharactersIsRefused() {
        String message = failureOf("${split(input.s, '')}", "{'s': '" + "x".repeat(200_000) + "'}");
        assertTrue(message.contains("split() would make a list of 200000 items"), message);
        assertTrue(failureOf("${split(input.s, 'x')}", "{'s': '" + "x".repeat(200_000) + "'}")
                .contains("split()"));
    }

    @Test
    void aTemplateCannotWriteMoreThanTheTextLimit() {
        String s = "x".repeat(400_000);
        String message = failureOf("${input.s}${input.s}${input.s}", "{'s': '" + s + "'}");
        assertTrue(message.contains("would be longer than"), message);
    }

    @Test
    void aListRepeatingAHugeTextIsRefused() {
        String s = "x".repeat(1_000_000);
        String repeated = String.join(", ", java.util.Collections.nCopies(10, "input.s"));
        String message = failureOf("${[" + repeated + "]}", "{'s': '" + s + "'}");
        assertTrue(message.contains("characters of JSON"), message);
    }

    @Test
    void joiningTextsWithPlusEqualsIsRefusedAtSaveTime() {
        Optional<String> problem = expressions.syntaxProblem("${input.s += input.s}");
        assertTrue(problem.orElseThrow().contains("+="), problem.get());
    }

    @Test
    void aTemplateLongerThanAFormTextIsRefusedUncompiled() {
        String text = "${input.s}" + "x".repeat(Template.MAX_TEMPLATE_CHARS);
        assertTrue(expressions.syntaxProblem(text).orElseThrow().contains("at most " + Template.MAX_TEMPLATE_CHARS));
    }
}
