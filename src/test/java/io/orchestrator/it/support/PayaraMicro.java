package io.orchestrator.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The second application server of the black-box suite: Payara Micro, started with
 * {@code java -jar payara-micro.jar} on the same WAR, its data sources made by the command file
 * in src/main/payara (README, "Other Jakarta EE servers"). Chosen by {@code -Dit.server=payara};
 * the build passes the jars' paths.
 */
final class PayaraMicro {

    /** The database user of a Payara test server when the test database's own user has no password. */
    static final String DB_USER = "orchestrator_payara";

    static final String DB_PASSWORD = "payara-it-password";

    private PayaraMicro() {}

    static boolean selected() {
        return "payara".equals(System.getProperty("it.server"));
    }

    /** {@code -Dit.db.suffix}, after "_payara" on Payara: its run never meets the Liberty run's database. */
    static String databaseSuffix() {
        return (selected() ? "_payara" : "") + System.getProperty("it.db.suffix", "");
    }

    /**
     * The command that starts Payara Micro with a fresh runtime directory: Payara keeps its domain.xml
     * (pools, deployed applications) there, and a second start on the old one deployed the WAR twice.
     */
    static List<String> command(int port, Path outputDir) throws IOException {
        Path runtime = outputDir.resolve("payara");
        if (Files.exists(runtime)) {
            try (Stream<Path> files = Files.walk(runtime)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(
                java.toString(),
                // As liberty/jvm.options: a bounded heap, and http-request nodes may set the Host header.
                "-Xmx768m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djdk.httpclient.allowRestrictedHeaders=host",
                "-jar",
                required("it.payara.jar"),
                "--nocluster",
                "--nohazelcast",
                "--disablephonehome",
                "--port",
                Integer.toString(port),
                "--contextroot",
                "/",
                "--addlibs",
                required("it.payara.jdbc"),
                "--prebootcommandfile",
                required("it.payara.preboot"),
                "--postbootcommandfile",
                required("it.payara.commands"),
                "--rootdir",
                runtime.toString(),
                "--deploy",
                required("it.war"));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("-D" + property + " is needed to start Payara Micro (see pom.xml)");
        }
        return Path.of(value).toAbsolutePath().toString();
    }
}
