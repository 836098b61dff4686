package io.orchestrator.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's settings, read from environment variables (MicroProfile Config maps an environment
 * variable of the same name) with the defaults the README lists.
 */
@ApplicationScoped
public class OrchestratorConfig {

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_HTTP_PORT", defaultValue = "7878")
    int httpPort;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_HTTPS_PORT", defaultValue = "-1")
    int httpsPort;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_RATE_LIMIT", defaultValue = "6000")
    int rateLimitPerMinute;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_WEBHOOK_RATE_LIMIT", defaultValue = "60000")
    int webhookRateLimitPerMinute;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_AUTH_FAILURE_LIMIT", defaultValue = "20")
    int authFailureLimit;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_MAX_BODY_BYTES", defaultValue = "2097152")
    long maxBodyBytes;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_MAX_JSON_DEPTH", defaultValue = "64")
    int maxJsonDepth;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_ADMIN_TOKEN")
    Optional<String> adminToken;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_HTTP_ALLOW")
    Optional<String> httpAllow;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_SHUTDOWN_DRAIN_SECONDS", defaultValue = "20")
    int shutdownDrainSeconds;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_ENGINE_THREADS", defaultValue = "32")
    int engineThreads;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_MAX_RUNS_IN_MEMORY", defaultValue = "1000")
    int maxRunsInMemory;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_NODE_TIMEOUT_MS", defaultValue = "300000")
    long nodeTimeoutMs;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_SECRET_KEY")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_COMMANDS")
    Optional<String> commands;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_COMMAND_LOG_MAX_MB", defaultValue = "10")
    long commandLogMaxMb;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_ARTIFACT_MAX_MB", defaultValue = "100")
    long artifactMaxMb;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_ARTIFACT_RETENTION_DAYS", defaultValue = "30")
    double artifactRetentionDays;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_HOUSEKEEPING_SECONDS", defaultValue = "600")
    long housekeepingSeconds;

    /** Liberty's server.xml variables are config properties too: the data directory's default comes from there. */
    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_DATA_DIR")
    Optional<String> dataDirectory;

    @Inject
    @ConfigProperty(name = "server.output.dir")
    Optional<String> serverOutputDirectory;

    /** The address a newcomer opens on this machine: plain HTTP unless it is turned off for HTTPS. */
    public String localUrl() {
        return httpPort <= 0 && httpsPort > 0
                ? "https://localhost:" + httpsPort + "/"
                : "http://localhost:" + httpPort + "/";
    }

    /** Requests a token may make per minute unless the token sets its own limit. */
    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    /**
     * Webhook calls a minute from one caller's address (an IPv6 caller's /64): webhooks carry no
     * token to count by, and without a limit anyone could make the server start runs as fast as it
     * can. Generous, so that it only stops a flood; a workflow's webhook_rate_limit may be stricter.
     */
    public int webhookRateLimitPerMinute() {
        return Math.max(1, webhookRateLimitPerMinute);
    }

    /** Wrong tokens a client address may send per minute before all its attempts are refused; 0: no limit. */
    public int authFailureLimit() {
        return authFailureLimit;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxJsonDepth() {
        return maxJsonDepth;
    }

    /**
     * How long a stopping server lets the nodes under way finish before it interrupts them: recovery
     * runs an interrupted node again, so a routine restart would repeat an HTTP call in flight. The
     * default stays under the 30 s that Liberty's {@code server stop} waits for the server to end.
     */
    public Duration shutdownDrain() {
        return Duration.ofSeconds(Math.max(0, shutdownDrainSeconds));
    }

    /** How many nodes the server runs at once: the engine's pool of threads. */
    public int engineThreads() {
        return Math.max(1, engineThreads);
    }

    /** How many runs the server holds in memory before starts from outside wait for room. */
    public int maxRunsInMemory() {
        return Math.max(1, maxRunsInMemory);
    }

    /** How long one attempt of a node may take when the node sets no timeout of its own. */
    public long nodeTimeoutMs() {
        return nodeTimeoutMs;
    }

    public Optional<String> adminToken() {
        return adminToken.map(String::trim).filter(token -> !token.isEmpty());
    }

    /**
     * Host names, IP addresses and CIDR ranges (comma-separated, or {@code *}) that http-request
     * nodes may call although they are loopback, private or link-local (nodes.http.AddressGuard).
     */
    public Optional<String> httpAllow() {
        return httpAllow.map(String::trim).filter(list -> !list.isEmpty());
    }

    /**
     * The key that seals stored secrets, as base64 of 32 bytes; empty means the key file in the data
     * directory (security.SecretKeySource).
     */
    public Optional<String> secretKey() {
        return secretKey.map(String::trim).filter(key -> !key.isEmpty());
    }

    /** The executables command nodes may start, comma-separated; empty means commands are off. */
    public Optional<String> commands() {
        return commands;
    }

    /** How much of a command's output its stored log keeps; the rest is counted. */
    public long commandLogMaxBytes() {
        return Math.max(0, commandLogMaxMb) * 1024 * 1024;
    }

    /** The largest file an artifact may be. */
    public long artifactMaxBytes() {
        return Math.max(0, artifactMaxMb) * 1024 * 1024;
    }

    /** How often expired things (artifacts) are purged. */
    public Duration housekeepingInterval() {
        return Duration.ofSeconds(Math.max(1, housekeepingSeconds));
    }

    /** How long an artifact is kept; zero keeps it until its run is deleted. */
    public Duration artifactRetention() {
        return Duration.ofMillis((long) (Math.max(0, artifactRetentionDays) * 86_400_000));
    }

    /** Where the server keeps its files (the H2 database, the generated secret key). */
    public Path dataDirectory() {
        return dataDirectory
                .map(String::trim)
                .filter(dir -> !dir.isEmpty() && !dir.contains("${"))
                .or(() -> serverOutputDirectory.map(dir -> dir + "/data"))
                .map(Path::of)
                .orElse(Path.of("data"))
                .toAbsolutePath();
    }
}
