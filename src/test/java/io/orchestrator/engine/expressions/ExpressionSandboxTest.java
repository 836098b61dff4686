package io.orchestrator.engine.expressions;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.el.ELException;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expressions must never reach a Java object: every way out is refused when compiled (so at save
 * time) and, should the compile-time rules miss one, again by the resolver while evaluating.
 */
class ExpressionSandboxTest {

    private static final ExpressionScope SCOPE = ExpressionScope.ofInput(json("{'a': 1, 'text': 'x'}"));

    private final Expressions expressions = new Expressions();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "${''.getClass()}",
                "${input.getClass()}",
                "${input.text.getClass()}",
                "${nodes.getClass()}",
                "${[].getClass()}",
                "${{'a': 1}.getClass()}",
                "${input['getClass']()}",
                "${''.class.forName('java.lang.Runtime')}",
                "${Runtime.getRuntime()}",
                "${Runtime.getRuntime().exec('id')}",
                "${System.getenv('PATH')}",
                "${System.getProperty('user.home')}",
                "${java.lang.System.exit(0)}",
                "${Integer.MAX_VALUE}",
                "${Boolean.TRUE}",
                "${Math.PI}",
                "${String}",
                "${Runtime()}",
                "${Object()}",
                "${(x -> x.getClass())('')}",
                "${(x -> 1)(2)}",
                "${x -> x}",
                "${f = x -> x; f(1)}",
                "${x = 5}",
                "${input.a = 2}",
                "${input['a'] = 2}",
                "${1; ''.getClass()}",
                "${a = ''; a.getClass()}",
                "${pageContext}",
                "${applicationScope}",
                "${fn:length('x')}",
                "${T(java.lang.Runtime)}",
                "text then ${''.getClass()} in the middle",
            })
    void everyWayOutFailsAtCompileAndAtRun(String escape) {
        assertTrue(expressions.syntaxProblem(escape).isPresent(), "a save-time problem for " + escape);
        ExpressionException refused = assertThrows(
                ExpressionException.class, () -> expressions.render(Json.createValue(escape), SCOPE), escape);
        assertFalse(refused.getMessage().isBlank());
    }

    /** Whether {@code x.class} is allowed depends on x: an object may have a key "class", text has none. */
    @ParameterizedTest
    @ValueSource(strings = {"${''.class}", "${input.text.class}", "${input.a.class}", "${true.class}"})
    void classOfAValueFailsWhileEvaluating(String escape) {
        assertThrows(ExpressionException.class, () -> expressions.render(Json.createValue(escape), SCOPE), escape);
    }

    @Test
    void aKeyNamedClassIsJustData() throws Exception {
        assertEquals(
                json("'gold'"),
                expressions.render(
                        Json.createValue("${input.class}"), ExpressionScope.ofInput(json("{'class': 'gold'}"))));
    }

    /** The resolver alone, with the compile-time rules bypassed, still refuses what reaches a class. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "${''.getClass()}",
                "${input.getClass()}",
                "${input['getClass']()}",
                "${''.class}",
                "${Runtime.getRuntime()}",
                "${System.getenv('PATH')}",
                "${java.lang.System.exit(0)}",
                "${Integer.MAX_VALUE}",
                "${Runtime()}",
                "${(x -> x.getClass())('')}",
                "${x = 5}",
                "${input.a = 2}",
                "${1; ''.getClass()}",
            })
    void theResolverRefusesOnItsOwn(String escape) {
        ScopeContext context = new ScopeContext(SCOPE, Template.FACTORY);
        var unchecked = Template.FACTORY.createValueExpression(context, escape, Object.class);
        assertThrows(ELException.class, () -> unchecked.getValue(context), escape);
    }

    @Test
    void methodCallsSayTheyAreNotAllowed() {
        assertEquals(
                java.util.Optional.of("${''.getClass()}: Expressions cannot call methods ('getClass(...)'):"
                        + " use the listed functions, such as upper(x)."),
                expressions.syntaxProblem("${''.getClass()}"));
    }

    @Test
    void classNamesAreUnknownNames() {
        String problem = expressions.syntaxProblem("${Runtime.getRuntime()}").orElseThrow();
        assertTrue(problem.contains("Unknown name 'Runtime'"), problem);
    }

    @Test
    void assignmentSaysItIsNotAllowed() {
        String problem = expressions.syntaxProblem("${input.a = 2}").orElseThrow();
        assertTrue(problem.contains("cannot assign"), problem);
    }

    @Test
    void aPropertyOfTextIsRefusedWhileEvaluating() {
        ExpressionException refused = assertThrows(
                ExpressionException.class, () -> expressions.render(Json.createValue("${''.class}"), SCOPE));
        assertEquals(
                "${''.class}: Cannot read 'class' of the text '': only objects and lists have properties",
                refused.getMessage());
    }

    @Test
    void theImportHandlerResolvesNoClass() {
        var imports = new ScopeContext(SCOPE, Template.FACTORY).getImportHandler();
        assertNull(imports.resolveClass("Runtime"));
        assertNull(imports.resolveClass("java.lang.System"));
        assertNull(imports.resolveStatic("MAX_VALUE"));
    }

    @Test
    void deeplyNestedExpressionsFailCleanly() {
        String deep = "${" + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "}";
        assertTrue(expressions.syntaxProblem(deep).isPresent());
    }

    @Test
    void resultsThatAreNotDataAreRefused() {
        ExpressionException refused =
                assertThrows(ExpressionException.class, () -> expressions.render(Json.createValue("${nodes}"), SCOPE));
        assertTrue(refused.getMessage().contains("is not JSON data"), refused.getMessage());
    }
}
