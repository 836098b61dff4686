package io.orchestrator.it.hostile;

import io.orchestrator.it.support.Api;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Expressions that grow without bound or compute with numbers no machine type holds, run for real:
 * each in a workflow of its own, started once. The request that starts it must not fail as a
 * server error, and the run must end (failed is fine: the message says which limit) within
 * {@link #RUN_BOUND}; the run's detail and export must answer too. Development mode runs one
 * node inside the request, so there the request itself must answer within the bound.
 */
public final class ExpressionBombs {

    static final Duration RUN_BOUND = Duration.ofSeconds(20);
    private static final Set<String> ENDS = Set.of("SUCCESS", "FAILURE", "REVOKED");

    private static final String GROWTH = growth(8);
    private static final String LONG_TEMPLATE = "${input.a} and ".repeat(1_800_000 / 16);

    private final Api api;
    private final Violations violations;
    private final Map<String, String> outcomes = new LinkedHashMap<>();

    public ExpressionBombs(Api api, Violations violations) {
        this.api = api;
        this.violations = violations;
    }

    /** A run started for a case, with when it started. */
    private record Started(String name, String taskId, long startNanos) {}

    /** Runs every case; returns one line per case saying how it ended. */
    public Map<String, String> run() {
        List<Started> started = new ArrayList<>();
        start(started, "number('1e10000000') + 1 in a transform", transform("${number('1e10000000') + 1 > 0}"), "{}");
        start(
                started,
                "number('1e10000000') + 1 in a condition",
                node("condition", "{\"expression\": \"${number('1e10000000') + 1 > 0}\"}"),
                "{}");
        start(started, "number('-1e-100000000') * 3", transform("${number('-1e-100000000') * 3}"), "{}");
        start(
                started,
                "number('123…890e999999') + 1",
                transform("${number('123456789012345678901234567890e999999') + 1}"),
                "{}");
        start(started, "input 1e100000000 + 1", transform("${input.n + 1}"), "{\"n\": 1e100000000}");
        start(started, "input -1e-100000000 * 3", transform("${input.n * 3}"), "{\"n\": -1e-100000000}");
        start(
                started,
                "input 123…890e999999 / 7",
                transform("${input.n / 7}"),
                "{\"n\": 123456789012345678901234567890e999999}");
        start(started, "replace(s, '', r) nested 8 deep", transform(GROWTH), "{}");
        start(
                started,
                "split(1.5 MB, '')",
                transform("${split(input.text, '')}"),
                "{\"text\": \"" + "a".repeat(1_500_000) + "\"}");
        start(
                started,
                "length(split(1.5 MB, ''))",
                transform("${length(split(input.text, ''))}"),
                "{\"text\": \"" + "ab".repeat(750_000) + "\"}");
        start(
                started,
                "a 1.8 MB template of ${input.a}",
                transform(LONG_TEMPLATE),
                "{\"a\": \"" + "x".repeat(100) + "\"}");
        startPatched(started, "PATCH with a 1.8 MB template of ${input.a}", "{\"a\": \"" + "x".repeat(100) + "\"}");
        String deep = startDeepData(started);
        String hookPath = "bombs-" + UUID.randomUUID();
        String hook = webhookWorkflow(hookPath);
        for (String number : List.of("1e100000000", "-1e-100000000", "123456789012345678901234567890e999999")) {
            Api.Response answer = api.post("/api/hooks/" + hookPath, "{\"n\": " + number + "}");
            AnswerRules.check(
                    violations,
                    "expression: webhook + on " + number,
                    "POST /api/hooks/" + hookPath,
                    "POST",
                    answer.status(),
                    answer.text());
            if (answer.status() == 202) {
                started.add(new Started(
                        "webhook: input.body.n + 1 with n = " + number,
                        answer.object().getString("task_id"),
                        System.nanoTime()));
            } else {
                outcomes.put("webhook: input.body.n + 1 with n = " + number, "answered " + answer);
            }
        }
        for (Started run : started) {
            awaitEnd(run);
        }
        exports(deep);
        developmentMode();
        api.patch("/api/workflow/" + hook + "/", "{\"active\": false}");
        return outcomes;
    }

    private void start(List<Started> started, String name, String nodeJson, String input) {
        String workflow;
        try {
            workflow = workflowWith(name, nodeJson);
        } catch (AssertionError | RuntimeException refused) {
            // Refused at save time is a fine answer for an expression the server will not run.
            outcomes.put(name, "refused at save: " + Violations.excerpt(refused.getMessage()));
            return;
        }
        long now = System.nanoTime();
        Api.Response answer = send(() -> api.post("/api/workflow/" + workflow + "/start_execution/", input), name);
        if (answer == null) {
            return;
        }
        AnswerRules.check(
                violations, "expression: " + name, "POST start_execution", "POST", answer.status(), answer.text());
        if (answer.status() == 200) {
            started.add(new Started(name, answer.object().getString("task_id"), now));
        } else {
            outcomes.put(name, "start answered " + answer.status() + " " + Violations.excerpt(answer.text()));
        }
    }

    /** The long key-value form values of the issue: a transform's fields replaced by a PATCH, then run. */
    private void startPatched(List<Started> started, String name, String input) {
        String workflow = workflowWith(name, transform("${input}"));
        String node = nodeOf(workflow, "transform");
        Api.Response patched = send(
                () -> api.patch(
                        "/api/workflow/" + workflow + "/nodes/" + node + "/",
                        "{\"form_values\": {\"fields\": {\"v\": \"" + LONG_TEMPLATE + "\"}}}"),
                name);
        if (patched == null) {
            return;
        }
        AnswerRules.check(
                violations, "expression: " + name, "PATCH nodes/{node}/", "PATCH", patched.status(), patched.text());
        if (patched.status() != 200) {
            outcomes.put(name, "PATCH answered " + patched.status() + " " + Violations.excerpt(patched.text()));
            return;
        }
        long now = System.nanoTime();
        Api.Response answer = send(() -> api.post("/api/workflow/" + workflow + "/start_execution/", input), name);
        if (answer != null && answer.status() == 200) {
            started.add(new Started(name, answer.object().getString("task_id"), now));
        } else if (answer != null) {
            AnswerRules.check(
                    violations, "expression: " + name, "POST start_execution", "POST", answer.status(), answer.text());
            outcomes.put(name, "start answered " + answer.status() + " " + Violations.excerpt(answer.text()));
        }
    }

    /** The id of the workflow's first node of this type. */
    private String nodeOf(String workflow, String type) {
        return api.get("/api/workflow/" + workflow + "/canvas_data/").object(200).getJsonArray("nodes").stream()
                .map(JsonObject.class::cast)
                .filter(candidate -> candidate.getString("node_type").equals(type))
                .findFirst()
                .orElseThrow()
                .getString("id");
    }

    /** A run whose data nests 5,000 deep, made by parse_json from a short string: its detail and export must answer. */
    private String startDeepData(List<Started> started) {
        String name = "run data nested 5,000 deep";
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        String workflow = workflowWith(name, transform("${parse_json(input.s)}"));
        Api.Response answer = send(
                () -> api.post("/api/workflow/" + workflow + "/start_execution/", "{\"s\": \"" + nested + "\"}"), name);
        if (answer == null || answer.status() != 200) {
            outcomes.put(name, "start answered " + answer);
            return null;
        }
        String taskId = answer.object().getString("task_id");
        started.add(new Started(name, taskId, System.nanoTime()));
        return taskId;
    }

    private void exports(String taskId) {
        if (taskId == null) {
            return;
        }
        for (String path : List.of(
                "/api/runs/" + taskId + "/",
                "/api/runs/" + taskId + "/export/?format=yaml",
                "/api/runs/" + taskId + "/export/?format=json")) {
            long start = System.nanoTime();
            Api.Response answer = send(() -> api.get(path), "deep data " + path);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (answer != null) {
                AnswerRules.check(
                        violations,
                        "expression: run data nested 5,000 deep",
                        "GET " + path,
                        "GET",
                        answer.status(),
                        answer.text());
                outcomes.put(
                        "GET " + path.replace(taskId, "{deep run}"),
                        answer.status() + " in " + millis + " ms "
                                + Violations.excerpt(answer.text())
                                        .substring(
                                                0,
                                                Math.min(
                                                        120,
                                                        Violations.excerpt(answer.text())
                                                                .length())));
            }
        }
    }

    /** Development mode evaluates in the request: the growth bomb must come back within the bound. */
    private void developmentMode() {
        String name = "development mode: replace growth";
        String workflow = workflowWith(name, transform(GROWTH));
        String node = nodeOf(workflow, "transform");
        long start = System.nanoTime();
        Api.Response answer = send(
                () -> api.post(
                        "/api/workflow/" + workflow + "/execute_and_save_node/",
                        "{\"node_id\": \"" + node + "\", \"input_data\": {}}"),
                name);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (answer == null) {
            return;
        }
        AnswerRules.check(
                violations,
                "expression: " + name,
                "POST execute_and_save_node",
                "POST",
                answer.status(),
                answer.text());
        if (millis > RUN_BOUND.toMillis()) {
            violations.add(
                    "answered after more than " + RUN_BOUND.toSeconds() + " s", "expression: " + name, millis + " ms");
        }
        outcomes.put(name, answer.status() + " in " + millis + " ms: " + Violations.excerpt(answer.text()));
    }

    private void awaitEnd(Started run) {
        long deadline = run.startNanos() + RUN_BOUND.toNanos();
        JsonObject detail = null;
        Api.Response last = null;
        while (true) {
            last = send(() -> api.get("/api/runs/" + run.taskId() + "/"), run.name());
            if (last == null) {
                return;
            }
            if (last.status() == 200) {
                detail = last.object();
                if (ENDS.contains(detail.getString("status"))) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                violations.add(
                        "run did not end within " + RUN_BOUND.toSeconds() + " s",
                        "expression: " + run.name(),
                        "run " + run.taskId() + " → "
                                + (detail == null ? last.toString() : detail.getString("status")));
                outcomes.put(
                        run.name(),
                        "still " + (detail == null ? last.status() : detail.getString("status")) + " after "
                                + RUN_BOUND.toSeconds() + " s");
                return;
            }
            ServerVitals.pause(250);
        }
        AnswerRules.check(
                violations,
                "expression: " + run.name(),
                "GET /api/runs/" + run.taskId() + "/",
                "GET",
                last.status(),
                last.text());
        long millis = (System.nanoTime() - run.startNanos()) / 1_000_000;
        String error = detail.containsKey("error") && !detail.isNull("error")
                ? detail.get("error").toString()
                : "";
        outcomes.put(run.name(), detail.getString("status") + " within " + millis + " ms " + Violations.excerpt(error));
    }

    private Api.Response send(java.util.function.Supplier<Api.Response> request, String name) {
        try {
            return request.get();
        } catch (RuntimeException failed) {
            violations.add("no answer (" + failed.getCause() + ")", "expression: " + name, failed.getMessage());
            outcomes.put(name, "no answer: " + failed.getMessage());
            return null;
        }
    }

    /** A workflow of a manual trigger followed by this node; returns its id. */
    private String workflowWith(String name, String nodeJson) {
        String workflow = api.post(
                        "/api/workflow/",
                        "{\"name\": \"bomb " + UUID.randomUUID() + "\", \"description\": \"" + name.replace("\"", "")
                                + "\"}")
                .object(201)
                .getString("id");
        String start = api.post(
                        "/api/workflow/" + workflow + "/nodes/add/",
                        "{\"nodeTemplate\": \"manual-trigger\", \"name\": \"Start\"}")
                .object(201)
                .getString("id");
        Api.Response added = api.post("/api/workflow/" + workflow + "/nodes/add/", nodeJson);
        AnswerRules.check(violations, "expression: " + name, "POST nodes/add/", "POST", added.status(), added.text());
        String bomb = added.object(201).getString("id");
        api.post(
                        "/api/workflow/" + workflow + "/edges/add/",
                        "{\"source\": \"" + start + "\", \"target\": \"" + bomb + "\"}")
                .object(201);
        return workflow;
    }

    private String webhookWorkflow(String path) {
        String workflow = api.post("/api/workflow/", "{\"name\": \"bomb hook " + UUID.randomUUID() + "\"}")
                .object(201)
                .getString("id");
        String hook = api.post(
                        "/api/workflow/" + workflow + "/nodes/add/",
                        "{\"nodeTemplate\": \"webhook\", \"form_values\": {\"path\": \"" + path
                                + "\", \"response_mode\": \"on_received\"}}")
                .object(201)
                .getString("id");
        String sum = api.post("/api/workflow/" + workflow + "/nodes/add/", transform("${input.body.n + 1}"))
                .object(201)
                .getString("id");
        api.post(
                        "/api/workflow/" + workflow + "/edges/add/",
                        "{\"source\": \"" + hook + "\", \"target\": \"" + sum + "\"}")
                .object(201);
        api.patch("/api/workflow/" + workflow + "/", "{\"active\": true}").object(200);
        return workflow;
    }

    private static String transform(String template) {
        return node("transform", "{\"fields\": {\"v\": \"" + template + "\"}}");
    }

    private static String node(String type, String formValues) {
        return "{\"nodeTemplate\": \"" + type + "\", \"name\": \"Bomb\", \"form_values\": " + formValues + "}";
    }

    /** replace(…replace('aaaaaaaaaa', '', 'bbbbbbbbbb')…, '', …): each level makes the text about 11 times longer. */
    private static String growth(int depth) {
        String expression = "'aaaaaaaaaa'";
        for (int level = 0; level < depth; level++) {
            char letter = (char) ('b' + level);
            expression =
                    "replace(" + expression + ", '', '" + String.valueOf(letter).repeat(10) + "')";
        }
        return "${" + expression + "}";
    }
}
