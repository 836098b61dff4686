package io.orchestrator.security;

import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.platform.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Makes sure someone can sign in after the first start: the token in ORCHESTRATOR_ADMIN_TOKEN
 * becomes an admin token (whenever it is not stored yet), and a server with no token at all
 * generates one and prints it once. Only its hash is kept, so it cannot be shown again.
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
        String url = "http://localhost:" + config.httpPort() + "/";
        var configured = config.adminToken();
        if (configured.isPresent()) {
            if (configured.get().length() < MIN_LENGTH) {
                LOG.severe("ORCHESTRATOR_ADMIN_TOKEN is shorter than " + MIN_LENGTH + " characters and was ignored");
            } else if (tokens.registerIfAbsent("admin (ORCHESTRATOR_ADMIN_TOKEN)", TokenRole.ADMIN, configured.get())) {
                LOG.info("Admin token taken from ORCHESTRATOR_ADMIN_TOKEN");
            }
        }
        String banner;
        if (tokens.count() == 0) {
            String secret = tokens.issue("admin (first start)", TokenRole.ADMIN, null, null)
                    .secret();
            banner = "\n================================================================================\n"
                    + " Workflow Orchestrator is starting at " + url + "\n"
                    + " Admin token (shown only this once, keep it):\n\n"
                    + "   " + secret + "\n\n"
                    + " Try: curl -H 'Authorization: Bearer " + secret + "' " + url + "api/workflow/\n"
                    + "================================================================================";
        } else {
            banner = "Workflow Orchestrator is starting at " + url + " (database: " + ready.databaseProduct()
                    + ", schema " + ready.schemaVersion() + "). Sign in with an existing token.";
        }
        // System.out rather than the logger: the token must reach the console whatever the log level.
        System.out.println(banner);
    }
}
