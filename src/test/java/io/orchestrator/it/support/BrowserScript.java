package io.orchestrator.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the canvas's browser scripts (webapp/e2e/*.e2e.mjs) with Node.js against the shared
 * test server: Debian's Chromium driven by playwright-core. Its output goes to target/e2e/NAME.log,
 * its screenshots to target/e2e/; the test fails with that log when the script fails or hangs.
 */
public final class BrowserScript {

    public static final Path OUTPUT = Path.of("target", "e2e");
    private static final Path CHROMIUM = Path.of(System.getProperty("it.chromium", "/usr/bin/chromium"));

    private BrowserScript() {}

    /** Runs webapp/e2e/{name}.e2e.mjs with the server's URL and token and these extra variables. */
    public static void run(String name, Map<String, String> environment) throws IOException, InterruptedException {
        assumeFalse(Boolean.getBoolean("frontend.skip"), "the build left the canvas out (-Dfrontend.skip=true)");
        assertTrue(
                Files.isExecutable(CHROMIUM),
                "The canvas tests need Chromium at " + CHROMIUM
                        + ": apt-get install chromium (.ci/run does), or build with -Dfrontend.skip=true to leave the canvas out.");
        Files.createDirectories(OUTPUT);
        Path logFile = OUTPUT.resolve(name + "-e2e.log");
        ProcessBuilder node = new ProcessBuilder("node", "e2e/" + name + ".e2e.mjs")
                .directory(new File("webapp"))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        node.environment().put("ORCHESTRATOR_URL", SharedServer.get().baseUri().toString());
        node.environment().put("ORCHESTRATOR_TOKEN", SharedServer.ADMIN_TOKEN);
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        node.environment().put("SCREENSHOTS", OUTPUT.toAbsolutePath().toString());
        node.environment().putAll(environment);
        Process browser = node.start();
        boolean ended = browser.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            browser.destroyForcibly();
        }
        String log = Files.readString(logFile);
        assertTrue(ended, "the browser test " + name + " ended within 3 minutes:\n" + log);
        assertEquals(
                0, browser.exitValue(), "the browser test " + name + " passed (screenshots in target/e2e):\n" + log);
    }
}
