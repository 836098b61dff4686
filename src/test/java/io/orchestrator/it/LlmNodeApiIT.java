package io.orchestrator.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.Metrics;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import io.orchestrator.testing.FakeModelServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The llm node and the connection test on the real server, against a model server speaking the
 * OpenAI, KoboldCpp and Anthropic protocols (reached as localhost, which the shared server allows).
 */
class LlmNodeApiIT {

    private static final String KEY = "sk-it-model-key-123";
    private static FakeModelServer models;

    private final Api api = SharedServer.admin();

    @BeforeAll
    static void startModels() throws IOException {
        models = FakeModelServer.start().requireKey(KEY);
    }

    @AfterAll
    static void stopModels() {
        models.close();
    }

    @AfterEach
    void heal() {
        models.heal("fake-small").heal("fake-large");
    }

    private static JsonObject json(String singleQuoted) {
        return Json.createReader(new StringReader(singleQuoted.replace('\'', '"')))
                .readObject();
    }

    private static String local(String path) {
        return "http://" + SharedServer.ALLOWED_HOST + ":" + models.port() + path;
    }

    private String connection(String kind, String baseUrl, String prices) {
        return api.post(
                        "/api/connections/",
                        Json.createObjectBuilder()
                                .add("name", kind + " " + UUID.randomUUID())
                                .add("kind", kind)
                                .add("base_url", baseUrl)
                                .add("secret", KEY)
                                .add("prices", prices == null ? JsonValue.EMPTY_JSON_OBJECT : json(prices))
                                .build())
                .object(201)
                .getString("id");
    }

    /** manual trigger → llm (→ a transform on the error route when asked); returns {workflow, llm, onError}. */
    private record Flow(TestWorkflow workflow, String llm, String onError) {}

    /** An llm form asking the test server's fake-small model through {@code connection}, with more fields. */
    private static JsonObject smallModel(String connection, String moreFields) {
        return json("{'models': [{'connection': '" + connection + "', 'model': 'fake-small'}], " + moreFields + "}");
    }

    private Flow flow(JsonObject llmForm, boolean errorRoute) {
        TestWorkflow workflow = TestWorkflow.create(api, "llm " + UUID.randomUUID());
        String start = workflow.addNodeId("manual-trigger", "Start");
        String llm = workflow.addNode("llm", "Angles", llmForm).getString("id");
        workflow.connect(start, llm);
        String onError = null;
        if (errorRoute) {
            onError = workflow.addNode("transform", "Failed", json("{'fields': {'why': '${input.error}'}}"))
                    .getString("id");
            workflow.connect(llm, "error", onError);
        }
        return new Flow(workflow, llm, onError);
    }

    @Test
    void theConnectionTestReportsEachKindsApisAndADeadPort() throws IOException {
        JsonObject openAi = api.post("/api/connections/" + connection("openai", local("/v1"), null) + "/test/", "{}")
                .object(200);
        JsonObject kobold = api.post("/api/connections/" + connection("kobold", local(""), null) + "/test/", "{}")
                .object(200);
        JsonObject anthropic = api.post("/api/connections/" + connection("anthropic", local(""), null) + "/test/", "{}")
                .object(200);
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        JsonObject dead = api.post(
                        "/api/connections/"
                                + connection(
                                        "openai", "http://" + SharedServer.ALLOWED_HOST + ":" + deadPort + "/v1", null)
                                + "/test/",
                        "{}")
                .object(200);

        assertTrue(openAi.getBoolean("connected"), openAi::toString);
        assertTrue(openAi.getBoolean("openai_api"));
        assertTrue(openAi.getBoolean("kobold_api"));
        assertTrue(Api.strings(openAi.getJsonArray("models")).contains("fake-small"));
        assertTrue(openAi.getJsonNumber("latency_ms").longValue() >= 0);
        assertEquals(JsonValue.NULL, openAi.get("error"));
        assertTrue(kobold.getBoolean("kobold_api"), kobold::toString);
        assertEquals(
                FakeModelServer.KOBOLD_MODEL, kobold.getJsonObject("model_info").getString("model"));
        assertTrue(anthropic.getBoolean("connected"), anthropic::toString);
        assertEquals("anthropic", anthropic.getJsonObject("model_info").getString("api"));
        assertFalse(dead.getBoolean("connected"), dead::toString);
        assertTrue(dead.getString("error").contains("connection refused"), dead::toString);
    }

    @Test
    void theConnectionTestRefusesUnknownAndHttpConnections() {
        api.post("/api/connections/" + UUID.randomUUID() + "/test/", "{}").error(404, "NOT_FOUND");
        String http = api.post(
                        "/api/connections/",
                        json("{'name': 'creds " + UUID.randomUUID() + "', 'kind': 'http',"
                                + " 'base_url': 'https://example.com', 'secret': 'x'}"))
                .object(201)
                .getString("id");
        api.post("/api/connections/" + http + "/test/", "{}").error(422, "VALIDATION_ERROR");
    }

    @Test
    void twoModelsTimesTwoCandidatesGiveFourCandidatesWithTokensCostAndRecords() {
        String openAi =
                connection("openai", local("/v1"), "{'fake-small': {'input_per_1k': 0.0015, 'output_per_1k': 0.002}}");
        String anthropic = connection("anthropic", local(""), null);
        Flow flow = flow(
                json("{'models': [{'connection': '" + openAi + "', 'model': 'fake-small'}, {'connection': '"
                        + anthropic + "', 'model': 'fake-large'}], 'candidates_per_model': 2,"
                        + " 'system': 'Be brief.', 'prompt': 'Angles on ${input.topic}', 'cache': false}"),
                false);
        String metricsBefore = Metrics.scrape();

        JsonObject run = flow.workflow().runToEnd(json("{'topic': 'green tea " + UUID.randomUUID() + "'}"));

        assertEquals("SUCCESS", run.getString("status"), run::toString);
        JsonObject output = TestWorkflow.lastExecution(run, flow.llm()).getJsonObject("output");
        JsonArray candidates = output.getJsonArray("candidates");
        assertEquals(4, candidates.size(), output::toString);
        List<String> modelNames = new ArrayList<>();
        long completion = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (int i = 0; i < 4; i++) {
            JsonObject candidate = candidates.getJsonObject(i);
            assertEquals(i, candidate.getInt("index"));
            assertFalse(candidate.getBoolean("cached"));
            assertTrue(candidate.getString("text").contains("to: Angles on green tea"), candidate::toString);
            assertTrue(List.of("stop", "end_turn").contains(candidate.getString("finish_reason")), candidate::toString);
            modelNames.add(candidate.getString("model"));
            completion += candidate.getJsonObject("tokens").getInt("completion");
            cost = cost.add(candidate.getJsonNumber("cost_usd").bigDecimalValue());
            assertTrue(candidate.getJsonNumber("duration_ms").longValue() >= 0);
        }
        assertEquals(List.of("fake-small", "fake-small", "fake-large", "fake-large"), modelNames);
        assertEquals(candidates.getJsonObject(0).getString("text"), output.getString("text"));
        assertEquals(completion, output.getJsonObject("tokens").getInt("completion"));
        assertEquals(0, cost.compareTo(output.getJsonNumber("cost_usd").bigDecimalValue()));
        assertTrue(cost.signum() > 0);
        // the run sums its candidates
        assertEquals(output.getJsonObject("tokens"), run.getJsonObject("tokens"));
        assertEquals(0, cost.compareTo(run.getJsonNumber("cost_usd").bigDecimalValue()));
        // one record per candidate, with the messages sent
        String taskId = run.getString("task_id");
        JsonObject records = api.get("/api/runs/" + taskId + "/llm_responses/?node_id=" + flow.llm())
                .object(200);
        assertEquals(4, records.getInt("count"));
        JsonObject first = records.getJsonArray("llm_responses").getJsonObject(0);
        assertEquals(candidates.getJsonObject(0).getString("id"), first.getString("id"));
        assertEquals(
                "Be brief.", first.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertTrue(first.getString("raw_output").contains("chat.completion"), first::toString);
        assertEquals(
                4L, MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM llm_response WHERE run_id = ?", taskId));
        // each record is also an llm_response artifact of the step: a JSON file of the record, kept
        // once the node has gone on
        String artifactsOfStep = "/api/artifacts/?run_id=" + taskId + "&node_id=" + flow.llm();
        Eventually.until(
                () -> api.get(artifactsOfStep).object(200).getInt("total_count") == 4,
                Duration.ofSeconds(10),
                () -> api.get(artifactsOfStep).text());
        JsonArray files = api.get(artifactsOfStep).object(200).getJsonArray("artifacts");
        assertEquals(4, files.size(), files::toString);
        for (JsonObject record : records.getJsonArray("llm_responses").getValuesAs(JsonObject.class)) {
            int number = record.getInt("candidate_index") + 1;
            JsonObject file = files.getValuesAs(JsonObject.class).stream()
                    .filter(listed -> listed.getString("file_name")
                            .equals("llm-response-" + record.getInt("attempt") + "-" + number + ".json"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no artifact for candidate " + number + ": " + files));
            assertEquals("llm_response", file.getString("artifact_type"));
            assertEquals("application/json", file.getString("mime_type"));
            assertEquals("Candidate " + number + " (" + record.getString("model") + ")", file.getString("name"));
            Api.Response download = api.get(file.getString("download_url"));
            assertEquals(200, download.status(), download::toString);
            assertEquals(file.getJsonNumber("size").longValue(), download.text().getBytes(UTF_8).length);
            JsonObject kept = download.object();
            for (String field : List.of("id", "model", "text", "messages", "raw_output", "tokens", "connection")) {
                assertEquals(record.get(field), kept.get(field), field);
            }
        }
        // and /metrics counts them by model (other tests' fake-small calls may add to it meanwhile)
        long smallCompletion = candidates.getValuesAs(JsonObject.class).stream()
                .filter(candidate -> candidate.getString("model").equals("fake-small"))
                .mapToLong(candidate -> candidate.getJsonObject("tokens").getInt("completion"))
                .sum();
        String metricsAfter = Metrics.scrape();
        String small = "model=\"fake-small\"";
        assertTrue(
                Metrics.growth(
                                metricsBefore,
                                metricsAfter,
                                "orchestrator_llm_tokens_total",
                                small,
                                "kind=\"completion\"")
                        >= smallCompletion,
                () -> Metrics.orchestratorLines(metricsAfter));
        assertTrue(
                Metrics.growth(metricsBefore, metricsAfter, "orchestrator_llm_cost_usd", small) > 0,
                () -> Metrics.orchestratorLines(metricsAfter));
    }

    @Test
    void anAnswerFromTheCacheIsNoNewArtifactTheFirstAnswerIs() {
        String openAi = connection("openai", local("/v1"), null);
        Flow flow = flow(smallModel(openAi, "'prompt': 'Angles on ${input.topic}'"), false);
        JsonObject input = json("{'topic': 'oolong " + UUID.randomUUID() + "'}");
        String asked = flow.workflow().runToEnd(input).getString("task_id");
        JsonObject again = flow.workflow().runToEnd(input);
        assertTrue(
                TestWorkflow.lastExecution(again, flow.llm())
                        .getJsonObject("output")
                        .getJsonArray("candidates")
                        .getJsonObject(0)
                        .getBoolean("cached"),
                again::toString);

        String askedArtifacts = "/api/artifacts/?run_id=" + asked + "&artifact_type=llm_response";
        Eventually.until(
                () -> api.get(askedArtifacts).object(200).getInt("total_count") == 1,
                Duration.ofSeconds(10),
                () -> api.get(askedArtifacts).text());
        JsonObject ofCachedRun =
                api.get("/api/artifacts/?run_id=" + again.getString("task_id")).object(200);
        assertEquals(0, ofCachedRun.getInt("total_count"), ofCachedRun::toString);
        assertEquals(
                1,
                api.get("/api/runs/" + again.getString("task_id") + "/llm_responses/")
                        .object(200)
                        .getInt("count"),
                "the cached answer keeps its record");
    }

    @Test
    void aChangedOrDeletedConnectionIsWhatTheNextRunUses() {
        String openAi = connection("openai", local("/v1"), null);
        Flow flow = flow(smallModel(openAi, "'prompt': 'Angles on ${input.topic}', 'cache': false"), true);
        JsonObject topic = json("{'topic': 'oolong'}");
        assertEquals("SUCCESS", llmStatus(flow.workflow().runToEnd(topic), flow));

        // The server keeps what it read of a connection for a few seconds; a change must not wait for that.
        api.patch("/api/connections/" + openAi + "/", "{\"secret\": \"sk-not-the-key\"}")
                .object(200);
        JsonObject wrongKey = flow.workflow().runToEnd(topic);
        assertTrue(reasonOf(wrongKey, flow).contains("HTTP 401"), () -> "the new key was used: " + wrongKey);

        api.patch("/api/connections/" + openAi + "/", "{\"secret\": \"" + KEY + "\"}")
                .object(200);
        assertEquals("SUCCESS", llmStatus(flow.workflow().runToEnd(topic), flow));

        assertEquals(204, api.delete("/api/connections/" + openAi + "/").status());
        JsonObject gone = flow.workflow().runToEnd(topic);
        assertTrue(reasonOf(gone, flow).contains(openAi), () -> "the deleted connection is named: " + gone);
    }

    private static String llmStatus(JsonObject run, Flow flow) {
        return TestWorkflow.lastExecution(run, flow.llm()).getString("status");
    }

    /** What the llm node's error route received. */
    private static String reasonOf(JsonObject run, Flow flow) {
        return TestWorkflow.lastExecution(run, flow.onError())
                .getJsonObject("output")
                .getString("why");
    }

    @Test
    void theNextModelAnswersWhenTheFirstFails() {
        models.failModel("fake-small", 503);
        String openAi = connection("openai", local("/v1"), null);
        String kobold = connection("kobold", local(""), null);
        Flow flow = flow(
                json("{'models': [{'connection': '" + openAi + "', 'model': 'fake-small'}, {'connection': '" + kobold
                        + "', 'model': 'local'}], 'prompt': 'Hello ${input.n}', 'stream': false}"),
                false);

        JsonObject run = flow.workflow().runToEnd(json("{'n': '" + UUID.randomUUID() + "'}"));

        assertEquals("SUCCESS", run.getString("status"), run::toString);
        JsonArray candidates = TestWorkflow.lastExecution(run, flow.llm())
                .getJsonObject("output")
                .getJsonArray("candidates");
        assertEquals(1, candidates.size());
        assertEquals(kobold, candidates.getJsonObject(0).getString("connection"));
    }

    @Test
    void whenEveryModelFailsTheErrorRouteGetsEveryReason() {
        models.failModel("fake-small", 503).failModel("fake-large", 500);
        String openAi = connection("openai", local("/v1"), null);
        String anthropic = connection("anthropic", local(""), null);
        Flow flow = flow(
                json("{'models': [{'connection': '" + openAi + "', 'model': 'fake-small'}, {'connection': '" + anthropic
                        + "', 'model': 'fake-large'}], 'prompt': 'Hi ${input.n}'}"),
                true);

        JsonObject run = flow.workflow().runToEnd(json("{'n': '" + UUID.randomUUID() + "'}"));

        assertEquals("SUCCESS", run.getString("status"), run::toString);
        assertEquals("FAILURE", TestWorkflow.lastExecution(run, flow.llm()).getString("status"));
        String why = TestWorkflow.lastExecution(run, flow.onError())
                .getJsonObject("output")
                .getString("why");
        assertTrue(why.contains("model 'fake-small'") && why.contains("HTTP 503"), why);
        assertTrue(why.contains("model 'fake-large'") && why.contains("HTTP 500"), why);
        assertFalse(why.contains(KEY));
    }

    @Test
    void aPersonRegeneratesWithFeedbackThenPicksTheSecondCandidate() {
        String openAi = connection("openai", local("/v1"), null);
        PersonPicks flow =
                personPicks(smallModel(openAi, "'candidates_per_model': 2, 'prompt': 'Angles on ${input.topic}'"));
        TestWorkflow workflow = flow.workflow();
        String llm = flow.llm();
        String pick = flow.pick();
        String use = workflow.addNode("transform", "Use", json("{'fields': {'chosen': '${input.text}'}}"))
                .getString("id");
        workflow.connect(pick, use);
        String topic = "tea " + UUID.randomUUID();
        String taskId = startUntilWaiting(workflow, topic);
        models.clearRequests();

        api.post(
                        "/api/runs/" + taskId + "/resume/",
                        json("{'node_id': '" + pick + "', 'action': 'regenerate', 'feedback': 'Shorter, please'}"))
                .object(200);
        JsonObject waitingAgain = awaitWaiting(taskId, 2);

        List<FakeModelServer.Received> asked = models.requests("/v1/chat/completions");
        assertEquals(2, asked.size(), "two new candidates, not the cached ones");
        JsonArray sent = asked.get(0).json().getJsonArray("messages");
        assertEquals("Shorter, please", sent.getJsonObject(sent.size() - 1).getString("content"));
        JsonArray candidates = TestWorkflow.lastExecution(waitingAgain, llm)
                .getJsonObject("output")
                .getJsonArray("candidates");
        api.post(
                        "/api/runs/" + taskId + "/resume/",
                        json("{'node_id': '" + pick + "', 'action': 'select', 'selected': [1]}"))
                .object(200);
        JsonObject run = awaitSuccess(taskId);
        assertEquals(
                candidates.getJsonObject(1).getString("text"),
                TestWorkflow.lastExecution(run, use).getJsonObject("output").getString("chosen"));
        assertEquals(
                4,
                api.get("/api/runs/" + taskId + "/llm_responses/").object(200).getInt("count"),
                "both attempts' candidates are kept");
    }

    @Test
    void theRunExportKeepsModelsCandidatesSelectionFeedbackCostAndThePromptsSent() {
        String openAi = connection(
                "openai",
                local("/v1"),
                "{'fake-small': {'input_per_1k': 0.001, 'output_per_1k': 0.002},"
                        + " 'fake-large': {'input_per_1k': 0.003, 'output_per_1k': 0.004}}");
        String style = "Style " + UUID.randomUUID();
        api.post(
                        "/api/blocks/",
                        Json.createObjectBuilder()
                                .add("title", style)
                                .add("content", "Write plainly.")
                                .build())
                .object(201);
        PersonPicks flow = personPicks(json("{'models': [{'connection': '" + openAi + "', 'model': 'fake-small'},"
                + " {'connection': '" + openAi + "', 'model': 'fake-large'}], 'candidates_per_model': 1,"
                + " 'prompt': '{{block:" + style + "}} Angles on ${input.topic}', 'cache': false}"));
        TestWorkflow workflow = flow.workflow();
        String llm = flow.llm();
        String pick = flow.pick();
        String topic = "tea " + UUID.randomUUID();
        String taskId = startUntilWaiting(workflow, topic);
        api.post(
                        "/api/runs/" + taskId + "/resume/",
                        json("{'node_id': '" + pick
                                + "', 'action': 'select', 'selected': [1], 'feedback': 'More tea'}"))
                .object(200);
        awaitSuccess(taskId);

        JsonObject export = api.get("/api/runs/" + taskId + "/export/").object(200);

        JsonArray candidates =
                TestWorkflow.lastExecution(export, llm).getJsonObject("output").getJsonArray("candidates");
        assertEquals(
                List.of("fake-small", "fake-large"),
                candidates.getValuesAs(JsonObject.class).stream()
                        .map(candidate -> candidate.getString("model"))
                        .toList());
        JsonObject answer = TestWorkflow.lastExecution(export, pick).getJsonObject("output");
        assertEquals(List.of(candidates.getJsonObject(1)), answer.getJsonArray("selected"));
        assertEquals("More tea", answer.getString("feedback"));
        BigDecimal cost = export.getJsonNumber("cost_usd").bigDecimalValue();
        assertTrue(cost.signum() > 0, export::toString);
        assertEquals(
                0,
                cost.compareTo(candidates
                        .getJsonObject(0)
                        .getJsonNumber("cost_usd")
                        .bigDecimalValue()
                        .add(candidates
                                .getJsonObject(1)
                                .getJsonNumber("cost_usd")
                                .bigDecimalValue())));
        JsonArray records = export.getJsonArray("llm_responses");
        assertEquals(
                api.get("/api/runs/" + taskId + "/llm_responses/").object(200).getJsonArray("llm_responses"), records);
        assertEquals(2, records.size());
        for (JsonObject record : records.getValuesAs(JsonObject.class)) {
            JsonArray sent = record.getJsonArray("messages");
            String prompt = sent.getJsonObject(sent.size() - 1).getString("content");
            assertTrue(prompt.contains("Write plainly.") && prompt.contains("Angles on " + topic), prompt);
            assertFalse(prompt.contains("{{block:"), prompt);
        }
    }

    @Test
    void aPersonsTwoSelectionsAreMergedByAModelWithTheirInstruction() {
        String openAi = connection("openai", local("/v1"), null);
        PersonPicks flow = personPicks(
                smallModel(openAi, "'candidates_per_model': 2, 'prompt': 'Angles on ${input.topic}'"),
                json("{'mode': 'select_many', 'merge': {'connection': '" + openAi
                        + "', 'model': 'fake-large', 'instruction': 'Merge these.'}}"));
        String taskId = startUntilWaiting(flow.workflow(), "rivers " + UUID.randomUUID());
        JsonArray candidates = TestWorkflow.lastExecution(
                        api.get("/api/runs/" + taskId + "/").object(200), flow.llm())
                .getJsonObject("output")
                .getJsonArray("candidates");
        models.clearRequests();

        JsonObject answered = api.post(
                        "/api/runs/" + taskId + "/resume/",
                        json("{'node_id': '" + flow.pick() + "', 'action': 'select', 'selected': [0, 1],"
                                + " 'merge_instruction': 'Keep it short.'}"))
                .object(200);

        List<FakeModelServer.Received> asked = models.requests("/v1/chat/completions");
        assertEquals(1, asked.size(), "one call merges the two selections");
        JsonObject merging = asked.get(0).json();
        assertEquals("fake-large", merging.getString("model"));
        JsonArray sent = merging.getJsonArray("messages");
        assertEquals("Keep it short.", sent.getJsonObject(0).getString("content"), "the person's instruction wins");
        String texts = sent.getJsonObject(1).getString("content");
        assertTrue(
                texts.contains(candidates.getJsonObject(0).getString("text"))
                        && texts.contains(candidates.getJsonObject(1).getString("text")),
                texts);
        String merged = answered.getJsonObject("output").getString("text");
        assertTrue(merged.startsWith("Reply") && merged.contains("fake-large"), merged);

        models.failModel("fake-large", 503);
        String second = startUntilWaiting(flow.workflow(), "lakes " + UUID.randomUUID());
        JsonObject refused = api.post(
                        "/api/runs/" + second + "/resume/",
                        json("{'node_id': '" + flow.pick() + "', 'action': 'select', 'selected': [0, 1]}"))
                .error(422, "VALIDATION_ERROR");
        assertTrue(refused.toString().contains("HTTP 503"), refused::toString);
        assertEquals("WAITING", api.get("/api/runs/" + second + "/").object(200).getString("status"));
    }

    /** manual trigger → llm "Angles" → human-input "Pick" (feedback allowed). */
    private record PersonPicks(TestWorkflow workflow, String llm, String pick) {}

    private PersonPicks personPicks(JsonObject llmForm) {
        return personPicks(llmForm, json("{'allow_feedback': true}"));
    }

    /** Start → llm "Angles" with this form → human-input "Pick" with this form. */
    private PersonPicks personPicks(JsonObject llmForm, JsonObject pickForm) {
        TestWorkflow workflow = TestWorkflow.create(api, "writeit " + UUID.randomUUID());
        String start = workflow.addNodeId("manual-trigger", "Start");
        String llm = workflow.addNode("llm", "Angles", llmForm).getString("id");
        String pick = workflow.addNode("human-input", "Pick", pickForm).getString("id");
        workflow.connect(start, llm);
        workflow.connect(llm, pick);
        return new PersonPicks(workflow, llm, pick);
    }

    /** Starts the workflow with a topic and waits until it waits for a person; returns the run's id. */
    private String startUntilWaiting(TestWorkflow workflow, String topic) {
        String taskId = api.post(workflow.path("start_execution/"), json("{'topic': '" + topic + "'}"))
                .object(200)
                .getString("task_id");
        awaitWaiting(taskId, 1);
        return taskId;
    }

    private JsonObject awaitSuccess(String taskId) {
        JsonObject[] run = {null};
        io.orchestrator.it.support.Eventually.until(
                () -> {
                    run[0] = api.get("/api/runs/" + taskId + "/").object(200);
                    return "SUCCESS".equals(run[0].getString("status"));
                },
                java.time.Duration.ofSeconds(30),
                () -> String.valueOf(run[0]));
        return run[0];
    }

    /** Waits until the run waits for a person after the llm node's {@code attempts}-th attempt. */
    private JsonObject awaitWaiting(String taskId, int attempts) {
        JsonObject[] run = {null};
        io.orchestrator.it.support.Eventually.until(
                () -> {
                    run[0] = api.get("/api/runs/" + taskId + "/").object(200);
                    long llmAttempts = run[0].getJsonArray("node_executions").getValuesAs(JsonObject.class).stream()
                            .filter(step -> "llm".equals(step.getString("node_type")))
                            .count();
                    return "WAITING".equals(run[0].getString("status")) && llmAttempts >= attempts;
                },
                java.time.Duration.ofSeconds(30),
                () -> String.valueOf(run[0]));
        return run[0];
    }

    @Test
    void anUnknownConnectionIsRefusedAtSave() {
        TestWorkflow workflow = TestWorkflow.create(api, "llm save " + UUID.randomUUID());
        JsonObject refused = api.post(
                        workflow.path("nodes/add/"),
                        json("{'nodeTemplate': 'llm', 'form_values': {'models': [{'connection': 'no-such-connection',"
                                + " 'model': 'm'}], 'prompt': 'x'}}"))
                .error(422, "VALIDATION_ERROR");
        assertTrue(refused.toString().contains("no-such-connection"), refused::toString);
        api.post(workflow.path("nodes/add/"), json("{'nodeTemplate': 'llm', 'form_values': {'models': 'not a list'}}"))
                .error(422, "VALIDATION_ERROR");
        api.post(
                        workflow.path("nodes/add/"),
                        json("{'nodeTemplate': 'llm', 'form_values': {'candidates_per_model': 0}}"))
                .error(422, "VALIDATION_ERROR");
    }

    @Test
    void llmResponsesOfAnUnknownRunAre404() {
        api.get("/api/runs/" + UUID.randomUUID() + "/llm_responses/").error(404, "NOT_FOUND");
    }

    @Test
    void streamedTokensReachTheWebSocketThenTheCompletion() {
        String openAi = connection("openai", local("/v1"), null);
        Flow flow = flow(
                json("{'models': [{'connection': '" + openAi + "', 'model': 'fake-large'}],"
                        + " 'prompt': 'Stream ${input.n}', 'cache': false}"),
                false);
        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + flow.workflow().id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            socket.next("state_sync");
            api.post(flow.workflow().path("start_execution/"), json("{'n': '" + UUID.randomUUID() + "'}"))
                    .object(200);
            StringBuilder streamed = new StringBuilder();
            List<String> types = new ArrayList<>();
            JsonObject message;
            do {
                message = socket.next();
                types.add(message.getString("type"));
                if ("stream_token".equals(message.getString("type"))) {
                    assertEquals(flow.llm(), message.getString("node_id"));
                    assertEquals("fake-large", message.getString("model"));
                    streamed.append(message.getString("content"));
                }
            } while (!"workflow_completed".equals(message.getString("type")));
            assertTrue(types.indexOf("stream_token") >= 0, types::toString);
            assertTrue(types.indexOf("stream_token") < types.indexOf("stream_complete"), types::toString);
            assertTrue(streamed.toString().contains("of fake-large to: Stream"), streamed::toString);
        }
    }
}
