package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.BrowserScript;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inspector's data views and pinned data in a real browser against the real server:
 * webapp/e2e/dataviews.e2e.mjs executes a node, switches its output between JSON, table and schema,
 * drags a field of the next node's input into an expression field, pins the first node's output,
 * sees the pin on the canvas, and runs: the development run uses the pin, a production run does
 * not. Screenshots land in target/e2e/.
 */
class DataViewsE2EIT {

    @Test
    void aPersonViewsDataDragsAFieldAndRunsWithAPinnedOutput() throws Exception {
        BrowserScript.run("dataviews", Map.of());
        for (String shot :
                List.of("dataviews-schema", "dataviews-dragged", "dataviews-pinned", "dataviews-run-with-pin")) {
            assertTrue(Files.size(BrowserScript.OUTPUT.resolve(shot + ".png")) > 10_000, "a screenshot: " + shot);
        }
    }
}
