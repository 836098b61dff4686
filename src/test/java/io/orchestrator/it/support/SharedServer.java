package io.orchestrator.it.support;

/**
 * The one server most black-box tests share: started on first use on a fresh MariaDB database,
 * stopped when the test JVM exits. Tests that restart or kill a server start their own.
 */
public final class SharedServer {

    public static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdef";
    public static final String DATABASE = "orchestrator_it" + PayaraMicro.databaseSuffix();

    /** The one loopback name the shared server's http-request nodes may call. */
    public static final String ALLOWED_HOST = "localhost";

    /** The programs the shared server's command nodes may start. */
    public static final String ALLOWED_COMMANDS = "python3,bash";

    /** The shared server's artifact size limit, small so that a test can go past it cheaply. */
    public static final int ARTIFACT_MAX_MB = 5;

    /**
     * Wrong tokens a client address may send a minute. Every test speaks from 127.0.0.1, and a few send
     * wrong tokens on purpose, so the shared server allows more than the default; the test of the limit
     * speaks from another loopback address.
     */
    public static final int AUTH_FAILURE_LIMIT = 60;

    private static ServerProcess server;
    private static RuntimeException startFailure;

    private SharedServer() {}

    public static synchronized ServerProcess get() {
        if (startFailure != null) {
            // Every test would otherwise wait out its own start timeout against the same broken server.
            throw new IllegalStateException("The shared server failed to start earlier", startFailure);
        }
        if (server == null) {
            try {
                server = ServerProcess.named("shared")
                        .port(ServerProcess.port(0))
                        .freshMariaDb(DATABASE)
                        .env("ORCHESTRATOR_ADMIN_TOKEN", ADMIN_TOKEN)
                        // Test HTTP servers are reached by this name; 127.0.0.1 stays refused, as a
                        // server with no allow-list refuses it.
                        .env("ORCHESTRATOR_HTTP_ALLOW", ALLOWED_HOST)
                        .env("ORCHESTRATOR_COMMANDS", ALLOWED_COMMANDS)
                        .env("ORCHESTRATOR_ARTIFACT_MAX_MB", Integer.toString(ARTIFACT_MAX_MB))
                        .env("ORCHESTRATOR_AUTH_FAILURE_LIMIT", Integer.toString(AUTH_FAILURE_LIMIT))
                        .build()
                        .start();
            } catch (RuntimeException failed) {
                startFailure = failed;
                throw failed;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-shared-server"));
        }
        return server;
    }

    /** A client with the admin token. */
    public static Api admin() {
        return new Api(get().baseUri(), ADMIN_TOKEN);
    }

    /** A client with no token at all. */
    public static Api anonymous() {
        return new Api(get().baseUri(), null);
    }
}
