package io.orchestrator.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/** The shared server's {@code /metrics}, read as Prometheus text. */
public final class Metrics {

    private Metrics() {}

    public static String scrape() {
        Api.Response response = SharedServer.anonymous().get("/metrics");
        assertEquals(200, response.status(), response::toString);
        return response.text();
    }

    /** The value of the first sample with this name and these labels; -1 if there is none. */
    public static double value(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(-1);
    }

    /** How much a sample grew from one scrape to the other (a sample not there yet counts as 0). */
    public static double growth(String before, String after, String name, String... labels) {
        return value(after, name, labels) - Math.max(0, value(before, name, labels));
    }

    /** The server's own samples, for a failure's message. */
    public static String orchestratorLines(String metrics) {
        return String.join(
                "\n",
                metrics.lines().filter(line -> line.startsWith("orchestrator_")).toList());
    }
}
