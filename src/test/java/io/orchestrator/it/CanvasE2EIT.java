package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.BrowserScript;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The canvas in a real browser against the real server: webapp/e2e/canvas.e2e.mjs drives Debian's
 * Chromium through playwright-core (sign in, build a three-node workflow from the palette, set a
 * field, run, see every node completed). Screenshots land in target/e2e/.
 */
class CanvasE2EIT {

    @Test
    void aPersonBuildsAndRunsAWorkflowInTheBrowser() throws Exception {
        BrowserScript.run("canvas", Map.of());
        assertTrue(
                Files.size(BrowserScript.OUTPUT.resolve("canvas-after-run.png")) > 10_000,
                "a screenshot after the run");
    }
}
