package io.orchestrator.it.support;

/**
 * The one server most black-box tests share: started on first use on a fresh MariaDB database,
 * stopped when the test JVM exits. Tests that restart or kill a server start their own.
 */
public final class SharedServer {

    public static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdef";
    public static final String DATABASE = "orchestrator_it" + System.getProperty("it.db.suffix", "");

    private static ServerProcess server;

    private SharedServer() {
    }

    public static synchronized ServerProcess get() {
        if (server == null) {
            server = ServerProcess.named("shared").port(ServerProcess.port(0)).freshMariaDb(DATABASE)
                    .env("ORCHESTRATOR_ADMIN_TOKEN", ADMIN_TOKEN).build().start();
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
