package io.orchestrator.engine.expressions;

import static io.orchestrator.testing.JsonLiterals.json;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpressionsTest {

    private final Expressions expressions = new Expressions();

    private final ExpressionScope scope = new ExpressionScope(
            json("{'name': 'Ada', 'amount': 150, 'price': 2.50, 'paid': true, 'note': null,"
                    + " 'tags': ['a', 'b'], 'customer': {'id': 7, 'city': 'Paris'}, 'odd key': 'x'}"),
            Map.of("Fetch Order", object("{'x': 42, 'items': [{'sku': 'A1'}]}"), "Count", json("3"))::get,
            object("{'id': 'run-1', 'started_at': '2024-01-01T00:00:00Z'}"),
            object("{'token': 'secret-1', 'visits': 2}"),
            object("{'id': 'wf-1', 'name': 'Orders'}"));

    private JsonValue render(String template) throws ExpressionException {
        return expressions.render(Json.createValue(template), scope);
    }

    private static JsonValue text(String value) {
        return Json.createValue(value);
    }

    // one ${...}: the result keeps its JSON type

    @Test
    void aSingleExpressionKeepsNumbersBooleansObjectsListsAndNull() throws Exception {
        assertEquals(json("150"), render("${input.amount}"));
        assertEquals(json("2.50"), render("${input.price}"));
        assertEquals(JsonValue.TRUE, render("${input.paid}"));
        assertEquals(object("{'id': 7, 'city': 'Paris'}"), render("${input.customer}"));
        assertEquals(json("['a', 'b']"), render("${input.tags}"));
        assertEquals(JsonValue.NULL, render("${input.note}"));
        assertEquals(text("Ada"), render("${input.name}"));
    }

    @Test
    void arithmeticAndComparisonWorkOnJsonNumbers() throws Exception {
        assertEquals(json("151"), render("${input.amount + 1}"));
        assertEquals(json("5.00"), render("${input.price * 2}"));
        assertEquals(json("75"), render("${input.amount / 2}"), "a whole result is written without .0");
        assertEquals(JsonValue.TRUE, render("${input.amount > 100 && input.paid}"));
        assertEquals(JsonValue.FALSE, render("${input.name == 'Bob'}"));
        assertEquals(text("big"), render("${input.amount gt 100 ? 'big' : 'small'}"));
    }

    @Test
    void listAndObjectLiteralsBecomeJson() throws Exception {
        assertEquals(json("[1, 'two', true]"), render("${[1, 'two', true]}"));
        assertEquals(object("{'total': 150}"), render("${{'total': input.amount}}"));
    }

    // text with ${...} parts

    @Test
    void textWithExpressionsBecomesText() throws Exception {
        assertEquals(
                text("Hello Ada, you owe 150 (paid: true)"),
                render("Hello ${input.name}, you owe ${input.amount} (paid: ${input.paid})"));
    }

    @Test
    void objectsAndListsInTextAreCompactJsonAndNullIsNothing() throws Exception {
        assertEquals(
                text("c={\"id\":7,\"city\":\"Paris\"} t=[\"a\",\"b\"] n="),
                render("c=${input.customer} t=${input.tags} n=${input.note}"));
    }

    @Test
    void aSingleExpressionWithSpaceAroundIsText() throws Exception {
        assertEquals(text(" 150"), render(" ${input.amount}"));
    }

    @Test
    void textWithoutExpressionsIsReturnedAsItIs() throws Exception {
        JsonValue plain = text("no templates here, not even #{this} or $ {that}");
        assertSame(plain, expressions.render(plain, scope));
    }

    @Test
    void anEscapedDollarBraceIsLiteral() throws Exception {
        assertEquals(text("costs ${price} for Ada"), render("costs \\${price} for ${input.name}"));
    }

    @Test
    void bracesAndQuotesInsideAnExpressionDoNotEndIt() throws Exception {
        assertEquals(text("a}b"), render("${'a}b'}"));
        assertEquals(text("[7]"), render("[${{'k': input.customer.id}.k}]"));
    }

    // objects and lists are rendered value by value

    @Test
    void nestedObjectsAndListsAreRenderedValueByValueAndKeysAreLeftAlone() throws Exception {
        JsonValue template = json("{'${input.name}': '${input.name}', 'n': 1, 'deep': {'list': ['${input.amount}',"
                + " 'x ${input.customer.city}', false]}}");
        assertEquals(
                json("{'${input.name}': 'Ada', 'n': 1, 'deep': {'list': [150, 'x Paris', false]}}"),
                expressions.render(template, scope));
    }

    @Test
    void anObjectWithoutTemplatesIsReturnedAsItIs() throws Exception {
        JsonValue plain = json("{'a': [1, 'b', {'c': null}]}");
        assertSame(plain, expressions.render(plain, scope));
    }

    // names

    @Test
    void nodesOutputsAreReadByNameInBothNotations() throws Exception {
        assertEquals(json("42"), render("${nodes['Fetch Order'].output.x}"));
        assertEquals(text("A1"), render("${nodes['Fetch Order'].output.items[0].sku}"));
        assertEquals(json("3"), render("${nodes.Count.output}"));
    }

    @Test
    void aNodeWithoutOutputGivesNull() throws Exception {
        assertEquals(JsonValue.NULL, render("${nodes['Not Run'].output}"));
        assertEquals(JsonValue.NULL, render("${nodes['Not Run'].output.x}"));
        assertEquals(JsonValue.TRUE, render("${empty nodes.Missing.output}"));
    }

    @Test
    void sessionRunAndWorkflowAreReadable() throws Exception {
        assertEquals(
                text("secret-1 run-1 Orders wf-1"),
                render("${session.token} ${run.id} ${workflow.name} ${workflow['id']}"));
        assertEquals(json("3"), render("${session.visits + 1}"));
    }

    @Test
    void unknownPropertiesAndIndexesGiveNull() throws Exception {
        assertEquals(JsonValue.NULL, render("${input.nope}"));
        assertEquals(JsonValue.NULL, render("${input.customer.nope.deeper}"));
        assertEquals(JsonValue.NULL, render("${input.tags[5]}"));
        assertEquals(text("x"), render("${input['odd key']}"));
    }

    @Test
    void emptyWorksOnTextListsObjectsAndNull() throws Exception {
        assertEquals(
                json("[false, false, true, true]"),
                render("${[empty input.tags, empty input.customer, empty input.note, empty input.nope]}"));
    }

    @Test
    void anInputThatIsNotAnObjectIsReadAsItIs() throws Exception {
        ExpressionScope listInput = ExpressionScope.ofInput(json("[10, 20]"));
        assertEquals(json("20"), expressions.render(text("${input[1]}"), listInput));
        assertEquals(JsonValue.NULL, expressions.render(text("${input}"), ExpressionScope.ofInput(JsonValue.NULL)));
    }

    @Test
    void anUnknownNameFailsRatherThanGivingNull() {
        ExpressionException failure = assertThrows(ExpressionException.class, () -> render("${inptu.amount}"));
        assertTrue(failure.getMessage().contains("Unknown name 'inptu'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("${inptu.amount}"), "the message quotes the expression");
    }

    // functions

    @Test
    void textFunctions() throws Exception {
        assertEquals(
                text("ADA|ada|x y|true|false|true|P-ris"),
                render("${upper(input.name)}|${lower('ADA')}|${trim('  x y ')}"
                        + "|${starts_with(input.name, 'Ad')}|${ends_with(input.name, 'x')}|${contains(input.name, 'd')}"
                        + "|${replace(input.customer.city, 'a', '-')}"));
    }

    @Test
    void lengthCountsTextListsAndObjects() throws Exception {
        assertEquals(
                json("[3, 2, 2, 0]"),
                render("${[length(input.name), length(input.tags), length(input.customer), length(input.note)]}"));
    }

    @Test
    void containsLooksIntoListsAndObjectKeys() throws Exception {
        assertEquals(
                json("[true, false, true, false]"),
                render("${[contains(input.tags, 'a'), contains(input.tags, 'z'),"
                        + " contains(input.customer, 'city'), contains(input.customer, 'Paris')]}"));
    }

    @Test
    void splitJoinAndKeys() throws Exception {
        assertEquals(json("['a', 'b', 'c']"), render("${split('a,b,c', ',')}"));
        assertEquals(text("a-b"), render("${join(input.tags, '-')}"));
        assertEquals(json("['id', 'city']"), render("${keys(input.customer)}"));
    }

    @Test
    void jsonAndParseJsonRoundTrip() throws Exception {
        assertEquals(text("{\"id\":7,\"city\":\"Paris\"}"), render("${json(input.customer)}"));
        assertEquals(json("{'a': [1, 2]}"), render("${parse_json('{\"a\": [1, 2]}')}"));
        assertEquals(json("2"), render("${parse_json('{\"a\": [1, 2]}').a[1]}"));
    }

    @Test
    void numberAndStringConvert() throws Exception {
        assertEquals(json("42"), render("${number('42')}"));
        assertEquals(json("1.5"), render("${number(' 1.5 ')}"));
        assertEquals(json("43"), render("${number('42') + 1}"));
        assertEquals(text("150"), render("${string(input.amount)}"));
        assertEquals(text("[\"a\",\"b\"]"), render("${string(input.tags)}"));
    }

    @Test
    void defaultReplacesNullAndEmptyText() throws Exception {
        assertEquals(
                json("['fallback', 'fallback', 'Ada', 0]"),
                render("${[default(input.note, 'fallback'),"
                        + " default('', 'fallback'), default(input.name, 'fallback'), default(0, 1)]}"));
    }

    @Test
    void nowAndUuidGiveFreshText() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Instant now = Instant.parse(((jakarta.json.JsonString) render("${now()}")).getString());
        assertFalse(now.isBefore(before));
        String uuid = ((jakarta.json.JsonString) render("${uuid()}")).getString();
        assertEquals(36, uuid.length());
        assertFalse(uuid.equals(((jakarta.json.JsonString) render("${uuid()}")).getString()));
    }

    @Test
    void aFunctionThatCannotDoItsWorkSaysWhy() {
        ExpressionException failure = assertThrows(ExpressionException.class, () -> render("${number('abc')}"));
        assertEquals(
                "${number('abc')}: number() was given the text 'abc', which is not a number", failure.getMessage());
    }

    @Test
    void aFunctionCalledWithTheWrongNumberOfArgumentsIsASyntaxProblem() {
        Optional<String> problem = expressions.syntaxProblem("${upper('a', 'b')}");
        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("upper"), problem.get());
    }

    @Test
    void anOperatorOnTheWrongKindOfValueSaysSoInJsonTerms() {
        ExpressionException failure = assertThrows(ExpressionException.class, () -> render("${input.name * 2}"));
        assertTrue(failure.getMessage().startsWith("${input.name * 2}: "), failure.getMessage());
        assertFalse(failure.getMessage().contains("java."), failure.getMessage());
    }

    // test and evaluate

    @Test
    void testAcceptsAnExpressionWithOrWithoutDollarBraces() throws Exception {
        assertTrue(expressions.test("${input.amount > 100}", scope));
        assertTrue(expressions.test("input.amount > 100", scope));
        assertFalse(expressions.test("  input.paid == false  ", scope));
        assertTrue(expressions.test("contains(input.tags, 'b')", scope));
    }

    @Test
    void testRefusesAResultThatIsNotABoolean() {
        ExpressionException text = assertThrows(ExpressionException.class, () -> expressions.test("input.name", scope));
        assertEquals("${input.name} must give true or false, but gave the text 'Ada'.", text.getMessage());
        ExpressionException number =
                assertThrows(ExpressionException.class, () -> expressions.test("${input.amount}", scope));
        assertTrue(number.getMessage().contains("the number 150"), number.getMessage());
        ExpressionException nothing =
                assertThrows(ExpressionException.class, () -> expressions.test("input.nope", scope));
        assertTrue(nothing.getMessage().contains("gave null"), nothing.getMessage());
    }

    @Test
    void testTakesOneExpressionNotATextWithSeveral() {
        ExpressionException failure = assertThrows(
                ExpressionException.class, () -> expressions.test("${input.paid} and ${input.paid}", scope));
        assertTrue(failure.getMessage().startsWith("Write one expression"), failure.getMessage());
    }

    @Test
    void aBraceInABareExpressionDoesNotSplitIt() {
        ExpressionException failure =
                assertThrows(ExpressionException.class, () -> expressions.test("input.paid } x", scope));
        assertTrue(failure.getMessage().startsWith("Write one expression"), failure.getMessage());
    }

    @Test
    void evaluateGivesAnyJsonType() throws Exception {
        assertEquals(text("Paris"), expressions.evaluate("input.customer.city", scope));
        assertEquals(json("['a', 'b']"), expressions.evaluate("${input.tags}", scope));
        assertEquals(JsonValue.NULL, expressions.evaluate("input.note", scope));
    }

    // syntax

    @Test
    void syntaxErrorsSayWhereAndQuoteTheExpression() {
        assertEquals(
                Optional.of("Syntax error in ${input.amount >}: it ends too early."),
                expressions.syntaxProblem("Total ${input.amount >}"));
        assertEquals(
                Optional.of("Syntax error in ${input amount}: unexpected 'amount' at character 9."),
                expressions.syntaxProblem("${input amount}"));
    }

    @Test
    void anUnclosedOrEmptyExpressionIsAProblem() {
        assertEquals(
                Optional.of("The '${' at character 7 of 'Hello ${input.name' has no closing '}'."),
                expressions.syntaxProblem("Hello ${input.name"));
        assertEquals(Optional.of("The expression ${ } is empty."), expressions.syntaxProblem("a ${ } b"));
    }

    @Test
    void aBrokenTemplateFailsWhenRenderedWithTheSameMessage() {
        ExpressionException failure = assertThrows(ExpressionException.class, () -> render("x ${input.amount >}"));
        assertEquals("Syntax error in ${input.amount >}: it ends too early.", failure.getMessage());
    }

    @Test
    void goodTemplatesAndPlainTextHaveNoProblem() {
        assertEquals(Optional.empty(), expressions.syntaxProblem("Hello ${upper(input.name)} #{not an expression}"));
        assertEquals(Optional.empty(), expressions.syntaxProblem("no template"));
        assertEquals(Optional.empty(), ExpressionSyntax.expressionProblem("input.amount > 100"));
        assertTrue(ExpressionSyntax.expressionProblem("input.amount >").isPresent());
    }

    @Test
    void everyListedFunctionIsOfferedByItsSnakeCaseName() {
        assertEquals(
                java.util.Set.of(
                        "upper",
                        "lower",
                        "trim",
                        "length",
                        "contains",
                        "starts_with",
                        "ends_with",
                        "replace",
                        "split",
                        "join",
                        "keys",
                        "json",
                        "parse_json",
                        "number",
                        "string",
                        "default",
                        "now",
                        "uuid"),
                ExpressionFunctions.names());
    }

    @Test
    void renderingAnObjectTemplateTwiceGivesEqualResults() throws Exception {
        JsonObject template = object("{'greeting': 'Hi ${input.name}', 'n': '${input.amount}'}");
        assertEquals(expressions.render(template, scope), expressions.render(template, scope));
    }
}
