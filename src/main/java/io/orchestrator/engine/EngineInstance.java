package io.orchestrator.engine;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server's name among the servers sharing the database: the owner written on the runs it
 * executes, and Quartz's instance id, so that a run's owner is alive exactly when its Quartz
 * instance still checks in (table QRTZ_SCHEDULER_STATE). {@code ORCHESTRATOR_SERVER_NAME} (default:
 * the host name) names it for people; a random suffix tells two starts apart, so that a server
 * started again under the same name still recovers the runs its previous life left.
 */
@ApplicationScoped
public class EngineInstance {

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_SERVER_NAME")
    Optional<String> configuredName;

    private String id;

    @PostConstruct
    synchronized void name() {
        // Built by hand (the engine's unit tests), nothing was injected: the host name it is.
        Optional<String> given = configuredName == null ? Optional.empty() : configuredName;
        String name = given.map(String::strip).filter(text -> !text.isEmpty()).orElseGet(EngineInstance::hostName);
        id = (name.length() > 100 ? name.substring(0, 100) : name) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public synchronized String id() {
        if (id == null) {
            name();
        }
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            return "server";
        }
    }
}
