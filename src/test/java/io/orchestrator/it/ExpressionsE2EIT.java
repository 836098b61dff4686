package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.BrowserScript;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expression editor in a real browser against the real server: webapp/e2e/expressions.e2e.mjs
 * writes a condition with autocomplete and the keyboard, sees the server's preview and an inline
 * error, saves, and types a JSON body that is checked as it is typed. Screenshots in target/e2e/.
 */
class ExpressionsE2EIT {

    @Test
    void aPersonWritesAnExpressionWithAutocompleteAndPreview() throws Exception {
        BrowserScript.run("expressions", Map.of());
        for (String shot :
                new String[] {"expressions-autocomplete.png", "expressions-preview.png", "expressions-error.png"}) {
            assertTrue(Files.size(BrowserScript.OUTPUT.resolve(shot)) > 10_000, shot);
        }
    }
}
