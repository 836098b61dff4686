package io.orchestrator.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real server, started the way an operator starts it ({@code bin/server run}) from the Liberty
 * installation the build prepared, with its own port, environment and output directory. Each
 * instance has its own {@code WLP_OUTPUT_DIR}, so several can run at once and each keeps its logs
 * under {@code target/it-servers/NAME}. With {@code -Dit.server=payara} the same WAR runs on Payara
 * Micro instead ({@link PayaraMicro}), and the logs go to {@code target/it-servers/payara-NAME}.
 */
public final class ServerProcess implements AutoCloseable {

    // A busy machine (several checkouts testing at once) may need longer: -Dit.start.timeout.seconds.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("it.start.timeout.seconds", 180));
    /** The server the build prepares with the deployed WAR; each instance runs it with its own output directory. */
    private static final String SERVER_NAME = "orchestrator";
    /** A generated token as the first start prints it: the prefix and 43 base64url characters. */
    public static final Pattern PRINTED_TOKEN = Pattern.compile("(wfo_[A-Za-z0-9_-]{43})");

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final Path outputDir;
    private Process process;
    private Duration lastStartTime;

    private ServerProcess(String name, int port, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.environment = environment;
        this.outputDir = Paths.get("target", "it-servers", PayaraMicro.selected() ? "payara-" + name : name)
                .toAbsolutePath();
    }

    /**
     * Test servers listen on 7880 + n, shifted by {@code -Dit.port.offset} so that two checkouts can
     * run their integration tests at the same time.
     */
    public static int port(int n) {
        return 7880 + Integer.getInteger("it.port.offset", 0) + n;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private int port = ServerProcess.port(0);
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Runs on MariaDB (the integration database), in the named database, emptied first. */
        public Builder freshMariaDb(String database) {
            MariaDb.recreate(database);
            environment.put("ORCHESTRATOR_DB_URL", MariaDb.jdbcUrl(database));
            if (PayaraMicro.selected() && MariaDb.password().isEmpty()) {
                // Payara's pools refuse a user without a password ("No password credential found").
                MariaDb.grantPasswordUser(database, PayaraMicro.DB_USER, PayaraMicro.DB_PASSWORD);
                environment.put("ORCHESTRATOR_DB_USER", PayaraMicro.DB_USER);
                environment.put("ORCHESTRATOR_DB_PASSWORD", PayaraMicro.DB_PASSWORD);
            } else {
                environment.put("ORCHESTRATOR_DB_USER", MariaDb.user());
                environment.put("ORCHESTRATOR_DB_PASSWORD", MariaDb.password());
            }
            return this;
        }

        /** Runs on the default embedded H2, with its file in this directory. */
        public Builder h2In(Path dataDir) {
            environment.put("ORCHESTRATOR_DATA_DIR", dataDir.toAbsolutePath().toString());
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public ServerProcess build() {
            environment.put("ORCHESTRATOR_HTTP_PORT", Integer.toString(port));
            return new ServerProcess(name, port, environment);
        }
    }

    public ServerProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        if (listening()) {
            // Its health check would be answered by whatever holds the port, and the test would talk to that.
            throw new IllegalStateException("Port " + port + " is taken: cannot start the server " + name + " there");
        }
        try {
            Files.createDirectories(outputDir);
            ProcessBuilder builder = new ProcessBuilder(
                            PayaraMicro.selected() ? PayaraMicro.command(port, outputDir) : libertyCommand())
                    .redirectErrorStream(true)
                    .redirectOutput(outputDir.resolve("console.log").toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("ORCHESTRATOR_"));
            env.putAll(environment);
            // Its own files (secret key, runs' directories, artifacts) beside its logs, not in the checkout's data/.
            env.putIfAbsent("ORCHESTRATOR_DATA_DIR", outputDir.resolve("data").toString());
            env.put("WLP_OUTPUT_DIR", outputDir.toString());
            Instant begin = Instant.now();
            process = builder.start();
            try {
                awaitHealthy(begin);
            } catch (IllegalStateException notHealthy) {
                // A server that never became healthy must not stay behind holding its port.
                kill();
                throw notHealthy;
            }
            lastStartTime = Duration.between(begin, Instant.now());
            return this;
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not start the server " + name, failed);
        }
    }

    private boolean listening() {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException free) {
            return false;
        }
    }

    private static List<String> libertyCommand() {
        Path wlp =
                Paths.get(System.getProperty("wlp.home", "target/liberty/wlp")).toAbsolutePath();
        return List.of(wlp.resolve("bin/server").toString(), "run", SERVER_NAME);
    }

    private void awaitHealthy(Instant begin) {
        // HTTP/1.1, not the client's default upgrade to HTTP/2: a probe given up on a slow start left an
        // HTTP/2 stream that held a server thread until the stop, and Liberty's stop then waited its full
        // 30 s quiesce for it, during which the application, and its running nodes, kept going.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest health = HttpRequest.newBuilder(baseUri().resolve("/api/health/"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Duration.between(begin, Instant.now()).compareTo(START_TIMEOUT) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server " + name + " exited during start-up:\n" + consoleTail());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            sleep(200);
        }
        throw new IllegalStateException(
                "The server " + name + " did not become healthy in " + START_TIMEOUT + ":\n" + consoleTail());
    }

    /** A clean stop, as an operator's Ctrl+C or {@code kill -TERM}. */
    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> jvms = process.descendants().toList();
        process.destroy();
        jvms.forEach(ProcessHandle::destroy);
        waitFor(Duration.ofSeconds(60));
        process = null;
    }

    /** A crash: SIGKILL to the server's JVM, with no chance to clean up. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
        process = null;
    }

    public ServerProcess restart() {
        stop();
        return start();
    }

    private void waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Duration lastStartTime() {
        return lastStartTime;
    }

    /**
     * Asks the server's JVM for a full collection with the JDK's jcmd, as an operator on this machine
     * can: what the heap holds after it is what the server keeps, not garbage that waits for the old
     * generation's turn (with the serial collector, until it is full). False when it could not.
     */
    public boolean collectGarbage() {
        if (process == null) {
            return false;
        }
        Optional<ProcessHandle> jvm = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(handle -> handle.info()
                        .command()
                        .map(command -> command.endsWith("/java"))
                        .orElse(false))
                .findFirst();
        if (jvm.isEmpty()) {
            return false;
        }
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process collection = new ProcessBuilder(
                            jcmd.toString(), Long.toString(jvm.get().pid()), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return collection.waitFor(60, TimeUnit.SECONDS) && collection.exitValue() == 0;
        } catch (IOException noJcmd) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Everything the server printed to its console (where the first-start admin token appears). */
    public String console() {
        return textOf(outputDir.resolve("console.log"));
    }

    /**
     * The server's own log (Liberty's messages.log under this instance's output directory): what the
     * application and its libraries logged through java.util.logging, whatever the console shows.
     */
    public String messagesLog() {
        return textOf(logDirectory().resolve("messages.log"));
    }

    /** The admin token a first start printed on the console, as a newcomer reads it there. */
    public Optional<String> printedAdminToken() {
        Matcher printed = PRINTED_TOKEN.matcher(console());
        return printed.find() ? Optional.of(printed.group(1)) : Optional.empty();
    }

    /** Liberty's log directory of this instance: messages.log, and whatever else Liberty writes there. */
    public Path logDirectory() {
        return outputDir.resolve(SERVER_NAME).resolve("logs");
    }

    /** A log's text so far; empty before the server has written it. */
    private static String textOf(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    private String consoleTail() {
        String console = console();
        return console.length() > 6000 ? console.substring(console.length() - 6000) : console;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
