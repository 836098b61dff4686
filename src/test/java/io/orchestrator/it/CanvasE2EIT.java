package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.orchestrator.it.support.SharedServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The canvas in a real browser against the real server: webapp/e2e/canvas.e2e.mjs drives Debian's
 * Chromium through playwright-core (sign in, build a three-node workflow from the palette, set a
 * field, run, see every node completed). Screenshots land in target/e2e/.
 */
class CanvasE2EIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("it.chromium", "/usr/bin/chromium"));

    @Test
    void aPersonBuildsAndRunsAWorkflowInTheBrowser() throws Exception {
        assumeFalse(Boolean.getBoolean("frontend.skip"), "the build left the canvas out (-Dfrontend.skip=true)");
        assertTrue(
                Files.isExecutable(CHROMIUM),
                "The canvas tests need Chromium at " + CHROMIUM
                        + ": apt-get install chromium (.ci/run does), or build with -Dfrontend.skip=true to leave the canvas out.");
        Path output = Path.of("target", "e2e");
        Files.createDirectories(output);
        ProcessBuilder node = new ProcessBuilder("node", "e2e/canvas.e2e.mjs")
                .directory(new File("webapp"))
                .redirectErrorStream(true)
                .redirectOutput(output.resolve("canvas-e2e.log").toFile());
        node.environment().put("ORCHESTRATOR_URL", SharedServer.get().baseUri().toString());
        node.environment().put("ORCHESTRATOR_TOKEN", SharedServer.ADMIN_TOKEN);
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        node.environment().put("SCREENSHOTS", output.toAbsolutePath().toString());
        Process browser = node.start();
        boolean ended = browser.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            browser.destroyForcibly();
        }
        String log = Files.readString(output.resolve("canvas-e2e.log"));
        assertTrue(ended, "the browser test ended within 3 minutes:\n" + log);
        assertEquals(0, browser.exitValue(), "the browser test passed (screenshots in target/e2e):\n" + log);
        assertTrue(Files.size(output.resolve("canvas-after-run.png")) > 10_000, "a screenshot after the run");
    }
}
