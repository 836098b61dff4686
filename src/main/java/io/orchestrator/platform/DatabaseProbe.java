package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Whether the database answers, and how fast: for {@code /api/health/} and MicroProfile readiness. */
@ApplicationScoped
public class DatabaseProbe {

    @Resource(lookup = "jdbc/orchestrator")
    DataSource dataSource;

    public record Result(boolean up, String product, double latencyMs, String error) {
        public JsonObject toJson() {
            JsonObjectBuilder json = JSON.createObjectBuilder().add("status", up ? "UP" : "DOWN");
            if (product != null) {
                json.add("product", product);
            }
            json.add("latency_ms", Math.round(latencyMs * 100) / 100.0);
            if (error != null) {
                json.add("error", error);
            }
            return json.build();
        }
    }

    public Result probe() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            String product = connection.getMetaData().getDatabaseProductName();
            return new Result(valid, product, (System.nanoTime() - start) / 1e6, valid ? null : "connection not valid");
        } catch (SQLException unreachable) {
            return new Result(false, null, (System.nanoTime() - start) / 1e6, "database unreachable");
        }
    }
}
