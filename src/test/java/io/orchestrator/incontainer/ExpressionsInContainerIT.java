package io.orchestrator.incontainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.expressions.ExpressionException;
import io.orchestrator.engine.expressions.ExpressionScope;
import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.platform.JsonText;
import jakarta.el.ELContext;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import org.glassfish.expressly.ExpressionFactoryImpl;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Expressions inside Liberty behave as in the unit tests: the same EL classes are in use, templates
 * render, and the sandbox holds.
 */
@ExtendWith(ArquillianExtension.class)
class ExpressionsInContainerIT {

    /** Where the archive carries the EL API class the unit tests ran with, to compare with the server's. */
    private static final String TESTS_EL_CONTEXT = "el-api-of-the-unit-tests/ELContext.class";

    @Deployment
    static WebArchive deployment() throws IOException {
        return TestDeployment.of(ExpressionsInContainerIT.class)
                .addAsResource(new ByteArrayAsset(classBytes(ELContext.class)), TESTS_EL_CONTEXT);
    }

    @Inject
    Expressions expressions;

    private final ExpressionScope scope = new ExpressionScope(
            JsonText.parse("{\"name\": \"Ada\", \"amount\": 150, \"tags\": [\"a\", \"b\"]}"),
            name -> "Fetch".equals(name) ? JsonText.parse("{\"x\": 42}") : null,
            JsonValue.EMPTY_JSON_OBJECT,
            JsonValue.EMPTY_JSON_OBJECT,
            JsonValue.EMPTY_JSON_OBJECT);

    @Test
    void rendersATemplateWithTypesKeptAndTextInterpolated() throws Exception {
        JsonValue template = JsonText.parse(
                "{\"total\": \"${input.amount * 2}\", \"greeting\": \"Hi ${upper(input.name)}\","
                        + " \"x\": \"${nodes['Fetch'].output.x}\", \"tags\": \"${input.tags}\", \"big\": \"${input.amount > 100}\"}");
        assertEquals(
                JsonText.parse("{\"total\": 300, \"greeting\": \"Hi ADA\", \"x\": 42, \"tags\": [\"a\", \"b\"],"
                        + " \"big\": true}"),
                expressions.render(template, scope));
        assertTrue(expressions.test("input.amount > 100", scope));
    }

    @Test
    void noExpressionReachesAClass() {
        for (String escape : new String[] {
            "${''.getClass()}",
            "${''.class}",
            "${Runtime.getRuntime()}",
            "${System.getenv('PATH')}",
            "${java.lang.System.exit(0)}",
            "${Boolean.TRUE}"
        }) {
            assertThrows(ExpressionException.class, () -> expressions.render(Json.createValue(escape), scope), escape);
        }
        ExpressionException refused = assertThrows(
                ExpressionException.class, () -> expressions.render(Json.createValue("${''.getClass()}"), scope));
        assertTrue(refused.getMessage().contains("cannot call methods"), refused.getMessage());
    }

    /**
     * Liberty shows the application its own jakarta.el API; the build compiles and tests against the
     * same jar (tomcat-el-api), and the implementation, Expressly, comes from the WAR. A Liberty
     * upgrade that changes the API, or an EL feature that brings another one, fails here.
     */
    @Test
    void theElApiIsTheOneTheUnitTestsUseAndTheImplementationComesFromTheWar() throws IOException {
        byte[] expected;
        try (InputStream tests = getClass().getClassLoader().getResourceAsStream(TESTS_EL_CONTEXT)) {
            expected = tests.readAllBytes();
        }
        assertArrayEquals(
                expected, classBytes(ELContext.class), "the server's jakarta.el.ELContext differs from the tests'");
        assertSame(Expressions.class.getClassLoader(), ExpressionFactoryImpl.class.getClassLoader());
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream bytes = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return bytes.readAllBytes();
        }
    }
}
