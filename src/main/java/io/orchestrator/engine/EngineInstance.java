package io.orchestrator.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.UUID;

/**
 * This server's name among the servers sharing the database: the owner written on the runs it
 * executes, and Quartz's instance id, so that a run's owner is alive exactly when its Quartz
 * instance still checks in (table QRTZ_SCHEDULER_STATE).
 */
@ApplicationScoped
public class EngineInstance {

    private final String id = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 100 ? name.substring(0, 100) : name;
        } catch (java.io.IOException unknown) {
            return "server";
        }
    }
}
