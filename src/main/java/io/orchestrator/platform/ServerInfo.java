package io.orchestrator.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Properties;

/** The build's version and how long the server has been up. */
@ApplicationScoped
public class ServerInfo {

    private final String version = readVersion();

    public String version() {
        return version;
    }

    public long uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
    }

    private static String readVersion() {
        try (InputStream in = ServerInfo.class.getResourceAsStream("/orchestrator-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException unreadable) {
            return "unknown";
        }
    }
}
