package io.orchestrator.security;

import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.platform.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Makes sure someone can sign in after the first start: the token in ORCHESTRATOR_ADMIN_TOKEN
 * becomes an admin token (whenever it is not stored yet), and a server with no token at all
 * generates one and prints it once, on the console of whoever started it and in no log file
 * ({@link OperatorConsole}). Only its hash is kept, so it cannot be shown again. The other start-up
 * line goes through System.out, into the logs too: it holds no secret.
 */
@ApplicationScoped
public class AdminTokenBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminTokenBootstrap.class.getName());
    private static final int MIN_LENGTH = 16;

    @Inject
    TokenService tokens;

    @Inject
    OrchestratorConfig config;

    void onSchemaReady(@Observes SchemaReady ready) {
        String url = config.localUrl();
        var configured = config.adminToken();
        if (configured.isPresent()) {
            if (configured.get().length() < MIN_LENGTH) {
                LOG.severe("ORCHESTRATOR_ADMIN_TOKEN is shorter than " + MIN_LENGTH + " characters and was ignored");
            } else if (tokens.registerIfAbsent("admin (ORCHESTRATOR_ADMIN_TOKEN)", TokenRole.ADMIN, configured.get())) {
                LOG.info("Admin token taken from ORCHESTRATOR_ADMIN_TOKEN");
            }
        }
        if (tokens.count() > 0) {
            System.out.println("Workflow Orchestrator is starting at " + url + " (database: " + ready.databaseProduct()
                    + ", schema " + ready.schemaVersion() + "). Sign in with an existing token.");
            return;
        }
        if (OperatorConsole.isLogFile()) {
            LOG.severe("No API token exists, and none was generated: this server's console is a log file"
                    + " (a background start), where the token would be kept. Set ORCHESTRATOR_ADMIN_TOKEN"
                    + " (16+ characters) and restart, or start once in the foreground (server run) to see one.");
            return;
        }
        String secret = tokens.issue(new TokenRequest("admin (first start)", null, null), TokenRole.ADMIN, Map.of())
                .secret();
        OperatorConsole.print("\n================================================================================\n"
                + " Workflow Orchestrator is starting at " + url + "\n"
                + " Admin token (shown only this once, keep it):\n\n"
                + "   " + secret + "\n\n"
                + " Try: curl -H 'Authorization: Bearer " + secret + "' " + url + "api/workflow/\n"
                + "================================================================================");
        LOG.info("An admin token, 'admin (first start)', was generated and printed on the console that started the"
                + " server only, never in a log");
    }
}
