package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.RawHttp;
import io.orchestrator.it.support.ServerProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The runnable JAR the build packages (target/orchestrator.jar: Liberty, the WAR, its configuration
 * and drivers) works as the README says: {@code java -jar} with nothing but a port (for a user whose
 * home is a fresh directory) answers healthy, prints the first start's admin token, which then works on
 * the API, keeps its H2 file in ~/.orchestrator, and leaves no process behind when stopped as Ctrl+C stops it.
 */
class RunnableJarIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    @Test
    void javaDashJarStartsAServerThatAnswersWithThePrintedToken() throws Exception {
        Path jar = Paths.get(System.getProperty("it.runnable.jar", "target/orchestrator.jar"));
        assertTrue(Files.isRegularFile(jar), "the build packaged " + jar);
        Path workDir = Files.createTempDirectory(
                Files.createDirectories(
                        Paths.get("target", "it-servers", "runnable-jar").toAbsolutePath()),
                "run-");
        Path dataDir = workDir.resolve(".orchestrator");
        Path extractRoot = Files.createTempDirectory(workDir, "extract-");
        Path console = workDir.resolve("console.log");
        int port = ServerProcess.port(16);

        ProcessBuilder builder = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-jar",
                        jar.toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("ORCHESTRATOR_") || key.startsWith("WLP_"));
        env.put("ORCHESTRATOR_HTTP_PORT", Integer.toString(port));
        // No data directory: its default is ~/.orchestrator of the user who runs the JAR.
        env.put("HOME", workDir.toString());
        env.put("WLP_JAR_EXTRACT_ROOT", extractRoot.toString());

        Instant launched = Instant.now();
        Process launcher = builder.start();
        List<String> leftBehind;
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitHealthy(base, launcher, console);
            System.out.printf(
                    "RunnableJarIT: healthy %d s after java -jar%n",
                    Duration.between(launched, Instant.now()).toSeconds());

            Matcher printed = ServerProcess.PRINTED_TOKEN.matcher(Files.readString(console));
            assertTrue(printed.find(), () -> "the first start prints an admin token:\n" + tail(console));
            JsonObject self =
                    new Api(base, printed.group(1)).get("/api/tokens/self/").object(200);
            assertEquals("admin", self.getString("role"));
            assertEquals(401, new Api(base, null).get("/api/workflow/").status(), "the API needs the token");

            // The canvas at the root (over HTTP/1.1: Liberty never finishes a welcome file to a client
            // offering an HTTP/2 upgrade); a build without the canvas answers there that it left it out.
            int root = RawHttp.send(base, "127.0.0.1", "GET", "/").status();
            assertEquals(Boolean.getBoolean("frontend.skip") ? 404 : 200, root, "the canvas's root page");
            assertEquals(200, new Api(base, null).get("/openapi").status(), "the API's description");
            // The user feature came along (minify keeps the usr: features server.xml names).
            assertTrue(
                    new Api(base, null).get("/api/workflow/%00/").text().contains("\"code\":\"INVALID_REQUEST\""),
                    "the request guard answers what the web container would refuse");

            try (var files = Files.list(dataDir)) {
                assertTrue(
                        files.anyMatch(file -> file.getFileName().toString().startsWith("orchestrator")),
                        "the H2 database is in ~/.orchestrator, not in the extracted server");
            }
        } finally {
            leftBehind = stop(launcher);
        }
        assertEquals(List.of(), leftBehind, "processes that did not end within a minute of the stop");
    }

    private static void awaitHealthy(URI base, Process launcher, Path console) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest health = HttpRequest.newBuilder(base.resolve("/api/health/"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(launcher.isAlive(), () -> "java -jar ended during start-up:\n" + tail(console));
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not healthy within " + START_TIMEOUT + ":\n" + tail(console));
    }

    /**
     * SIGTERM to {@code java -jar}, as Ctrl+C: it stops the server's JVM (the JAR starts one of its
     * own, as it carries jvm.options) and ends. Anything still alive a minute later is killed, and the
     * test then fails on it.
     */
    private static List<String> stop(Process launcher) throws InterruptedException {
        List<ProcessHandle> processes = new ArrayList<>(launcher.descendants().toList());
        processes.add(launcher.toHandle());
        launcher.destroy();
        List<String> leftBehind = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(60);
        for (ProcessHandle process : processes) {
            try {
                process.onExit()
                        .get(
                                Math.max(
                                        1,
                                        Duration.between(Instant.now(), deadline)
                                                .toMillis()),
                                TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException stillAlive) {
                leftBehind.add(process.pid() + " " + process.info().command().orElse("?"));
                process.destroyForcibly();
            }
        }
        return leftBehind;
    }

    private static String tail(Path console) {
        try {
            String text = Files.readString(console);
            return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
        } catch (IOException unreadable) {
            return "";
        }
    }
}
