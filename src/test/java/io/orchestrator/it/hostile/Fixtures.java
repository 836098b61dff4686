package io.orchestrator.it.hostile;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.Uploads;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The real things the hostile requests aim at, made through the API as any client makes them: so
 * that an id in a path is sometimes one the server knows. Each kind of placeholder in an
 * {@link Endpoint}'s path has its pool; the "victim" pools are what DELETE requests may destroy,
 * so that the workflows the other requests use stay in place.
 *
 * <p>Three workflows are kept apart on purpose: the storm edits {@code workflow} (its nodes may end
 * up holding any expression), runs only {@code runnable} (never edited by the storm) and executes
 * single nodes only of {@code devWorkflow} (never edited either), so that no expression the storm
 * saves is evaluated during the storm: those are {@link ExpressionBombs}' business.
 */
public final class Fixtures {

    /** The placeholders of {@link Endpoint#template()}, each with its pool of real values. */
    public enum Kind {
        WORKFLOW("workflow"),
        VICTIM_WORKFLOW("victimWorkflow"),
        RUNNABLE("runnable"),
        DEV_WORKFLOW("devWorkflow"),
        NODE("node"),
        VICTIM_NODE("victimNode"),
        DEV_NODE("devNode"),
        RUNNABLE_NODE("runnableNode"),
        VICTIM_EDGE("victimEdge"),
        RUN("run"),
        VICTIM_RUN("victimRun"),
        HOOK("hook"),
        VICTIM_TOKEN("victimToken"),
        BLOCK("block"),
        VICTIM_BLOCK("victimBlock"),
        CACHE_KEY("cacheKey"),
        CONNECTION("connection"),
        VICTIM_CONNECTION("victimConnection"),
        ARTIFACT("artifact"),
        VICTIM_ARTIFACT("victimArtifact"),
        NODE_TYPE("nodeType"),
        GARBAGE("garbage");

        final String placeholder;

        Kind(String placeholder) {
            this.placeholder = "{" + placeholder + "}";
        }
    }

    private static final Set<String> RUN_ENDS = Set.of("SUCCESS", "FAILURE", "REVOKED");
    private static final int VICTIMS = 10;

    private final Api admin;
    private final String database;
    private final Map<Kind, List<String>> pools = new EnumMap<>(Kind.class);
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    /** The token the storm sends: an admin with a rate limit no storm reaches. */
    public String stormToken;

    public String userToken;
    public String expiredToken;
    public String revokedToken;

    private Fixtures(Api admin, String database) {
        this.admin = admin;
        this.database = database;
        for (Kind kind : Kind.values()) {
            pools.put(kind, new ArrayList<>());
        }
    }

    /** Makes every fixture on the server; takes a few seconds. */
    public static Fixtures create(Api admin, String database) {
        Fixtures fixtures = new Fixtures(admin, database);
        fixtures.tokens();
        fixtures.workflows();
        fixtures.runs();
        fixtures.blocksAndConnections();
        fixtures.artifacts();
        return fixtures;
    }

    /** The real values of one placeholder (never empty but for GARBAGE and CACHE_KEY). */
    public List<String> pool(Kind kind) {
        return pools.get(kind);
    }

    public String first(Kind kind) {
        return pools.get(kind).get(0);
    }

    private void tokens() {
        stormToken = token("{\"name\": \"storm " + suffix + "\", \"role\": \"admin\", \"rate_limit\": 1000000}");
        userToken = token("{\"name\": \"user " + suffix + "\", \"role\": \"user\"}");
        JsonObject expiring = admin.post(
                        "/api/tokens/",
                        "{\"name\": \"expired " + suffix + "\", \"expires_at\": \""
                                + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                .object(201);
        // Expired behind the server's back before its first use, so that no cached copy is valid.
        MariaDb.update(
                database,
                "UPDATE api_token SET expires_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS)),
                expiring.getString("id"));
        expiredToken = expiring.getString("token");
        JsonObject revoked = admin.post("/api/tokens/", "{\"name\": \"revoked " + suffix + "\"}")
                .object(201);
        revokedToken = revoked.getString("token");
        admin.delete("/api/tokens/" + revoked.getString("id") + "/");
        for (int i = 0; i < VICTIMS; i++) {
            pools.get(Kind.VICTIM_TOKEN)
                    .add(admin.post("/api/tokens/", "{\"name\": \"victim " + i + " " + suffix + "\"}")
                            .object(201)
                            .getString("id"));
        }
    }

    private String token(String body) {
        return admin.post("/api/tokens/", body).object(201).getString("token");
    }

    private void workflows() {
        String edited = workflow("edited");
        pools.get(Kind.WORKFLOW).add(edited);
        String start = node(edited, "{\"nodeTemplate\": \"manual-trigger\", \"name\": \"Start\"}");
        String shape = node(
                edited,
                "{\"nodeTemplate\": \"transform\", \"name\": \"Shape\", \"form_values\": {\"fields\": {\"a\": \"${input}\"}}}");
        String check = node(
                edited,
                "{\"nodeTemplate\": \"condition\", \"name\": \"Check\", \"form_values\": {\"expression\": \"${input.a > 1}\"}}");
        String call = node(
                edited,
                "{\"nodeTemplate\": \"http-request\", \"name\": \"Call\", \"form_values\": {\"url\": \"http://127.0.0.1:9/\"}}");
        pools.get(Kind.NODE).addAll(List.of(start, shape, check, call));
        edge(edited, start, "default", shape);
        edge(edited, shape, "default", check);
        edge(edited, check, "true", call);
        for (int i = 0; i < VICTIMS; i++) {
            String from = node(edited, "{\"nodeTemplate\": \"transform\", \"name\": \"Victim from " + i + "\"}");
            String to = node(edited, "{\"nodeTemplate\": \"transform\", \"name\": \"Victim to " + i + "\"}");
            pools.get(Kind.VICTIM_NODE).add(i % 2 == 0 ? from : to);
            pools.get(Kind.VICTIM_EDGE).add(edge(edited, from, "default", to));
        }

        String runnable = workflow("runnable");
        pools.get(Kind.RUNNABLE).add(runnable);
        String trigger = node(
                runnable,
                "{\"nodeTemplate\": \"manual-trigger\", \"name\": \"Start\", \"form_values\": {\"inputs\":"
                        + " [{\"name\": \"amount\", \"type\": \"number\", \"required\": false}]}}");
        String big = node(
                runnable,
                "{\"nodeTemplate\": \"condition\", \"name\": \"Big\", \"form_values\": {\"expression\":"
                        + " \"${input.amount > 100}\"}}");
        String note = node(
                runnable,
                "{\"nodeTemplate\": \"transform\", \"name\": \"Note\", \"form_values\": {\"fields\": {\"note\":"
                        + " \"amount ${input.amount}\"}}}");
        pools.get(Kind.RUNNABLE_NODE).addAll(List.of(trigger, big, note));
        edge(runnable, trigger, "default", big);
        edge(runnable, big, "true", note);

        String development = workflow("development");
        pools.get(Kind.DEV_WORKFLOW).add(development);
        pools.get(Kind.DEV_NODE)
                .add(node(
                        development,
                        "{\"nodeTemplate\": \"transform\", \"name\": \"Echo\", \"form_values\": {\"fields\": {\"x\":"
                                + " \"${input}\"}}}"));
        pools.get(Kind.DEV_NODE)
                .add(node(
                        development,
                        "{\"nodeTemplate\": \"condition\", \"name\": \"Test\", \"form_values\": {\"expression\":"
                                + " \"${input.amount > 1}\"}}"));

        String hooked = workflow("hook");
        String path = "hostile-" + suffix;
        String hook = node(
                hooked,
                "{\"nodeTemplate\": \"webhook\", \"form_values\": {\"path\": \"" + path
                        + "\", \"method\": \"POST\", \"response_mode\": \"on_received\"}}");
        edge(
                hooked,
                hook,
                "default",
                node(
                        hooked,
                        "{\"nodeTemplate\": \"transform\", \"name\": \"Seen\", \"form_values\": {\"fields\": {\"seen\":"
                                + " true}}}"));
        admin.patch("/api/workflow/" + hooked + "/", "{\"active\": true}").object(200);
        pools.get(Kind.HOOK).add(path);

        for (int i = 0; i < VICTIMS; i++) {
            pools.get(Kind.VICTIM_WORKFLOW).add(workflow("victim " + i));
        }
        pools.get(Kind.NODE_TYPE).addAll(List.of("transform", "webhook", "manual-trigger", "llm", "command"));
    }

    private void runs() {
        String runnable = first(Kind.RUNNABLE);
        for (int i = 0; i <= VICTIMS; i++) {
            String taskId = admin.post(
                            "/api/workflow/" + runnable + "/start_execution/", "{\"amount\": " + (i * 50) + "}")
                    .object(200)
                    .getString("task_id");
            awaitEnd(taskId);
            pools.get(i == 0 ? Kind.RUN : Kind.VICTIM_RUN).add(taskId);
        }
        String waiting = workflow("waiting");
        edge(
                waiting,
                node(waiting, "{\"nodeTemplate\": \"manual-trigger\", \"name\": \"Start\"}"),
                "default",
                node(
                        waiting,
                        "{\"nodeTemplate\": \"wait\", \"name\": \"Pause\", \"form_values\": {\"seconds\": 600}}"));
        String waitingRun = admin.get("/api/workflow/" + waiting + "/start_execution/")
                .object(200)
                .getString("task_id");
        Eventually.until(
                () -> "WAITING"
                        .equals(admin.get("/api/runs/" + waitingRun + "/")
                                .object(200)
                                .getString("status")),
                Duration.ofSeconds(30),
                () -> "run " + waitingRun + " not waiting");
        pools.get(Kind.RUN).add(waitingRun);
    }

    private void awaitEnd(String taskId) {
        Eventually.until(
                () -> RUN_ENDS.contains(
                        admin.get("/api/runs/" + taskId + "/").object(200).getString("status")),
                Duration.ofSeconds(30),
                () -> "run " + taskId + " did not end");
    }

    private void blocksAndConnections() {
        for (int i = 0; i < 2 + VICTIMS; i++) {
            String block = admin.post(
                            "/api/blocks/",
                            "{\"title\": \"block " + i + " " + suffix
                                    + "\", \"content\": \"Be brief.\", \"tags\": [\"t\"]}")
                    .object(201)
                    .getString("id");
            pools.get(i < 2 ? Kind.BLOCK : Kind.VICTIM_BLOCK).add(block);
            // Loopback without ORCHESTRATOR_HTTP_ALLOW: a connection test is refused at once, no network.
            String connection = admin.post(
                            "/api/connections/",
                            "{\"name\": \"connection " + i + " " + suffix + "\", \"kind\": \"openai\", \"base_url\":"
                                    + " \"http://127.0.0.1:9/v1\", \"models\": [\"m\"]}")
                    .object(201)
                    .getString("id");
            pools.get(i < 2 ? Kind.CONNECTION : Kind.VICTIM_CONNECTION).add(connection);
        }
    }

    private void artifacts() {
        String run = first(Kind.RUN);
        for (int i = 0; i < 2 + VICTIMS; i++) {
            byte[] form = Uploads.form(
                    Map.of("run_id", run, "name", "file " + i),
                    "file-" + i + ".txt",
                    "text/plain",
                    ("content " + i).getBytes(StandardCharsets.UTF_8));
            String artifact = admin.sendBody(
                            "POST",
                            "/api/artifacts/",
                            HttpRequest.BodyPublishers.ofByteArray(form),
                            Uploads.CONTENT_TYPE)
                    .object(201)
                    .getString("id");
            pools.get(i < 2 ? Kind.ARTIFACT : Kind.VICTIM_ARTIFACT).add(artifact);
        }
    }

    /**
     * A workflow made now: after the storm any of the others may be gone, since a DELETE is one of
     * the method variations it sends to a real workflow's path.
     */
    public String freshWorkflow(String name) {
        return workflow(name);
    }

    private String workflow(String name) {
        return admin.post("/api/workflow/", "{\"name\": \"hostile " + name + " " + suffix + "\"}")
                .object(201)
                .getString("id");
    }

    private String node(String workflow, String body) {
        return admin.post("/api/workflow/" + workflow + "/nodes/add/", body)
                .object(201)
                .getString("id");
    }

    private String edge(String workflow, String source, String handle, String target) {
        return admin.post(
                        "/api/workflow/" + workflow + "/edges/add/",
                        "{\"source\": \"" + source + "\", \"source_handle\": \"" + handle + "\", \"target\": \""
                                + target + "\"}")
                .object(201)
                .getString("id");
    }
}
