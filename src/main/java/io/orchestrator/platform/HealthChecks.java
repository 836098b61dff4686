package io.orchestrator.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health: ready when the database answers, live while the server can answer at all. */
@ApplicationScoped
public class HealthChecks {

    @Inject
    DatabaseProbe database;

    @Inject
    ServerInfo server;

    @Produces
    @Readiness
    HealthCheck databaseReadiness() {
        return () -> {
            DatabaseProbe.Result result = database.probe();
            return HealthCheckResponse.named("database")
                    .status(result.up())
                    .withData("latency_ms", Math.round(result.latencyMs()))
                    .build();
        };
    }

    @Produces
    @Liveness
    HealthCheck serverLiveness() {
        return () -> HealthCheckResponse.named("server")
                .up()
                .withData("version", server.version())
                .build();
    }
}
