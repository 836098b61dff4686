package io.orchestrator.llm;

import static io.orchestrator.llm.LlmTestDoubles.connection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeCall;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeSession;
import io.orchestrator.nodes.TestNodeCall;
import io.orchestrator.nodes.http.AddressGuard;
import io.orchestrator.nodes.http.OutboundHttp;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.testing.FakeModelServer;
import io.orchestrator.testing.JsonLiterals;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The llm node against a real model server: fallback, candidates, prompt, cost, cache, streams, records. */
class LlmNodeTest {

    private static final String KEY = "sk-local-key-0042";
    private static FakeModelServer server;
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(4);

    private final LlmTestDoubles.Connections connections = new LlmTestDoubles.Connections();
    private final LlmTestDoubles.Blocks blocks = new LlmTestDoubles.Blocks();
    private final LlmTestDoubles.MemoryCache cache = new LlmTestDoubles.MemoryCache();
    private final LlmTestDoubles.RecordedStreams streams = new LlmTestDoubles.RecordedStreams();
    private final List<LlmResponse> records = new ArrayList<>();
    private LlmNode node;

    @BeforeAll
    static void start() throws IOException {
        server = FakeModelServer.start().requireKey(KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
        THREADS.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        connections
                .add(connection(
                        "oa",
                        ConnectionKind.OPENAI,
                        server.openAiBase(),
                        KEY,
                        "{'fake-small': {'input_per_1k': 0.0015, 'output_per_1k': 0.002}}"))
                .add(connection("an", ConnectionKind.ANTHROPIC, server.root(), KEY, null))
                .add(connection("kb", ConnectionKind.KOBOLD, server.root(), KEY, null))
                .add(connection("creds", ConnectionKind.HTTP, "https://example.com", KEY, null));
        blocks.add("b1", "Tone", "Write warmly.").add("b2", "Audience", "For beginners.");
        ModelProtocols protocols =
                new ModelProtocols(new ModelHttp(new OutboundHttp(AddressGuard.allowing("127.0.0.1"), 1 << 20)));
        node = new LlmNode(connections, blocks, cache, streams, protocols, records::addAll, THREADS);
        server.clearRequests();
    }

    @AfterEach
    void heal() {
        server.heal("fake-small").heal("fake-large");
    }

    private NodeCall call(String formValues) {
        return TestNodeCall.of(node, formValues, "{'topic': 'green tea'}");
    }

    @Test
    void theFirstModelThatAnswersGivesTheOneCandidate() throws NodeFailure {
        server.failModel("fake-small", 503);

        JsonObject output = node.execute(call("{'models': [{'connection': 'oa', 'model': 'fake-small'},"
                        + " {'connection': 'an', 'model': 'fake-large'}], 'prompt': 'Angles on ${input.topic}',"
                        + " 'stream': false}"))
                .output()
                .asJsonObject();

        JsonArray candidates = output.getJsonArray("candidates");
        assertEquals(1, candidates.size());
        JsonObject only = candidates.getJsonObject(0);
        assertEquals("an", only.getString("connection"));
        assertEquals("fake-large", only.getString("model"));
        assertEquals(0, only.getInt("index"));
        assertEquals(only.getString("text"), output.getString("text"));
        assertTrue(output.getString("text").endsWith("to: Angles on green tea"), output.getString("text"));
        assertEquals(1, server.requests("/v1/chat/completions").size());
        assertEquals(1, server.requests("/v1/messages").size());
        assertEquals(1, records.size());
    }

    @Test
    void everyModelGivesItsCandidatesInOrderWithTokensAndExactCost() throws NodeFailure {
        JsonObject output = node.execute(call("{'models': [{'connection': 'oa', 'model': 'fake-small'},"
                        + " {'connection': 'kb', 'model': 'local'}], 'candidates_per_model': 2,"
                        + " 'prompt': 'Angles on ${input.topic}'}"))
                .output()
                .asJsonObject();

        JsonArray candidates = output.getJsonArray("candidates");
        assertEquals(4, candidates.size());
        List<String> models = new ArrayList<>();
        long prompt = 0;
        long completion = 0;
        for (int i = 0; i < 4; i++) {
            JsonObject candidate = candidates.getJsonObject(i);
            assertEquals(i, candidate.getInt("index"));
            assertFalse(candidate.getBoolean("cached"));
            models.add(candidate.getString("model"));
            JsonObject tokens = candidate.getJsonObject("tokens");
            assertEquals(tokens.getInt("prompt") + tokens.getInt("completion"), tokens.getInt("total"));
            prompt += tokens.getInt("prompt");
            completion += tokens.getInt("completion");
        }
        assertEquals(List.of("fake-small", "fake-small", "local", "local"), models);
        String first = candidates.getJsonObject(0).getString("text");
        String second = candidates.getJsonObject(1).getString("text");
        assertTrue(first.endsWith(" of fake-small to: Angles on green tea"), first);
        assertTrue(second.endsWith(" of fake-small to: Angles on green tea"), second);
        assertFalse(first.equals(second));
        // fake-small: 4 prompt words and 9 answer words at 0.0015 and 0.002 per 1,000 tokens
        assertEquals(
                new BigDecimal("0.000024"),
                candidates.getJsonObject(0).getJsonNumber("cost_usd").bigDecimalValue());
        assertEquals(
                BigDecimal.ZERO,
                candidates.getJsonObject(2).getJsonNumber("cost_usd").bigDecimalValue());
        assertEquals(
                new BigDecimal("0.000048"), output.getJsonNumber("cost_usd").bigDecimalValue());
        assertEquals(prompt, output.getJsonObject("tokens").getInt("prompt"));
        assertEquals(completion, output.getJsonObject("tokens").getInt("completion"));
        assertEquals(4, records.size());
        assertEquals(
                "[{\"role\":\"user\",\"content\":\"Angles on green tea\"}]",
                records.get(0).messages());
        assertEquals(candidates.getJsonObject(3).getString("id"), records.get(3).id());
        assertEquals(List.of(4), streams.completions);
        assertEquals(candidates.getJsonObject(2).getString("text"), String.join("", streams.pieces.get(2)));
    }

    @Test
    void aFailingModelIsLeftOutWhenAnotherAnswered() throws NodeFailure {
        server.failModel("fake-large", 500);

        JsonObject output = node.execute(call("{'models': [{'connection': 'an', 'model': 'fake-large'},"
                        + " {'connection': 'oa', 'model': 'fake-small'}], 'candidates_per_model': 2, 'prompt': 'Hi'}"))
                .output()
                .asJsonObject();

        assertEquals(2, output.getJsonArray("candidates").size());
        assertEquals(
                "fake-small", output.getJsonArray("candidates").getJsonObject(0).getString("model"));
        assertEquals(0, output.getJsonArray("candidates").getJsonObject(0).getInt("index"));
    }

    @Test
    void whenEveryModelFailsTheNodeFailsWithEachReason() {
        server.failModel("fake-small", 503).failModel("fake-large", 500);

        NodeFailure failure = assertThrows(
                NodeFailure.class,
                () -> node.execute(call("{'models': [{'connection': 'oa', 'model': 'fake-small'},"
                        + " {'connection': 'an', 'model': 'fake-large'}, {'connection': 'gone', 'model': 'x'}],"
                        + " 'prompt': 'Hi'}")));

        assertEquals(ErrorType.HTTP, failure.errorType());
        assertTrue(
                failure.getMessage().contains("model 'fake-small' on connection 'Connection oa': HTTP 503:"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("model 'fake-large' on connection 'Connection an': HTTP 500:"));
        assertTrue(failure.getMessage().contains("no connection with id 'gone'"));
        assertEquals(3, failure.details().getJsonArray("failures").size());
        assertFalse(failure.getMessage().contains(KEY));
        assertTrue(records.isEmpty());
    }

    @Test
    void blocksComeBeforeThePromptAndTitlesAreExpandedAfterExpressions() throws NodeFailure {
        node.execute(call("{'models': [{'connection': 'oa', 'model': 'fake-small'}], 'stream': false,"
                + " 'system': 'You are kind. {{block:Tone}}', 'blocks': ['b2', 'b1'],"
                + " 'prompt': 'About ${input.topic}: {{block:Audience}}'}"));

        JsonArray sent = server.requests("/v1/chat/completions").get(0).json().getJsonArray("messages");
        assertEquals(
                JsonLiterals.json(
                        "[{'role': 'system', 'content': 'You are kind. Write warmly.'},"
                                + " {'role': 'user', 'content': 'For beginners.\\n\\nWrite warmly.\\n\\nAbout green tea: For beginners.'}]"),
                sent);
    }

    @Test
    void feedbackGoesAsALastUserMessage() throws NodeFailure {
        NodeCall base = call("{'models': [{'connection': 'oa', 'model': 'fake-small'}], 'prompt': 'Angles'}");

        node.execute(new WithFeedback(base, "Shorter, please"));

        JsonArray sent = server.requests("/v1/chat/completions").get(0).json().getJsonArray("messages");
        assertEquals(2, sent.size());
        assertEquals("Shorter, please", sent.getJsonObject(1).getString("content"));
        assertEquals("user", sent.getJsonObject(1).getString("role"));
    }

    @Test
    void aCachedAnswerCallsNoModelAndSaysSo() throws NodeFailure {
        String form = "{'models': [{'connection': 'oa', 'model': 'fake-small'}], 'candidates_per_model': 2,"
                + " 'prompt': 'Same question', 'cache_ttl_seconds': 60}";
        JsonObject first = node.execute(call(form)).output().asJsonObject();
        server.clearRequests();

        JsonObject second = node.execute(call(form)).output().asJsonObject();

        assertTrue(server.requests().isEmpty());
        for (int i = 0; i < 2; i++) {
            JsonObject candidate = second.getJsonArray("candidates").getJsonObject(i);
            assertTrue(candidate.getBoolean("cached"));
            assertEquals(
                    first.getJsonArray("candidates").getJsonObject(i).getString("cache_key"),
                    candidate.getString("cache_key"));
            assertEquals(
                    first.getJsonArray("candidates").getJsonObject(i).getString("text"), candidate.getString("text"));
        }
        assertEquals(60, cache.timesToLive.get(0).toSeconds());
        assertTrue(records.get(3).cached());
    }

    @Test
    void aRegenerateAsksTheModelAgainEvenWithTheCacheOn() throws NodeFailure {
        String form = "{'models': [{'connection': 'oa', 'model': 'fake-small'}], 'prompt': 'Regenerate me'}";
        JsonObject first = node.execute(call(form)).output().asJsonObject();

        JsonObject again =
                node.execute(new WithFeedback(call(form), "")).output().asJsonObject();

        assertEquals(2, server.requests("/v1/chat/completions").size());
        assertFalse(again.getJsonArray("candidates").getJsonObject(0).getBoolean("cached"));
        assertFalse(first.getString("text").equals(again.getString("text")));
    }

    @Test
    void withTheCacheOffTheModelIsAskedAgain() throws NodeFailure {
        String form = "{'models': [{'connection': 'oa', 'model': 'fake-small'}], 'prompt': 'Q', 'cache': false}";
        node.execute(call(form));
        node.execute(call(form));

        assertEquals(2, server.requests("/v1/chat/completions").size());
        assertTrue(cache.entries.isEmpty());
        assertEquals(
                JsonValue.NULL,
                node.execute(call(form))
                        .output()
                        .asJsonObject()
                        .getJsonArray("candidates")
                        .getJsonObject(0)
                        .get("cache_key"));
    }

    @Test
    void savingRefusesUnknownConnectionsHttpConnectionsAndUnknownBlocks() {
        FieldErrors errors = new FieldErrors();

        node.checkValues(
                JsonLiterals.object("{'models': [{'connection': 'nope', 'model': 'm'},"
                        + " {'connection': 'creds', 'model': 'm'}, {'connection': '${input.c}', 'model': 'm'}],"
                        + " 'blocks': ['b1', 'missing'], 'prompt': '{{block:Nope}}'}"),
                errors);

        JsonObject found = errors.toJson();
        assertTrue(found.toString().contains("models[0].connection"), found.toString());
        assertTrue(found.toString().contains("No connection with id 'nope'"));
        assertTrue(found.toString().contains("models[1].connection"));
        assertFalse(found.toString().contains("models[2]"));
        assertTrue(found.containsKey("blocks"));
        assertTrue(found.containsKey("prompt"));
    }

    @Test
    void aModelWithoutItsConnectionMayBeSavedButNotRun() {
        String form = "{'models': [{'connection': null, 'model': 'gpt-4o'}], 'prompt': 'x'}";
        FieldErrors errors = io.orchestrator.nodes.form.FormValidator.validate(node.form(), JsonLiterals.object(form));
        node.checkValues(JsonLiterals.object(form), errors);

        assertTrue(errors.isEmpty(), errors.toJson()::toString);
        NodeFailure refused = assertThrows(NodeFailure.class, () -> node.execute(call(form)));
        assertTrue(refused.getMessage().contains("models[0]"), refused.getMessage());
    }

    @Test
    void anEmptyPromptOrNoModelFailsAsValidation() {
        NodeFailure empty = assertThrows(
                NodeFailure.class,
                () -> node.execute(call("{'models': [{'connection': 'oa', 'model': 'fake-small'}], 'prompt': ''}")));
        NodeFailure none = assertThrows(NodeFailure.class, () -> node.execute(call("{'models': [], 'prompt': 'x'}")));

        assertEquals(ErrorType.VALIDATION, empty.errorType());
        assertEquals(ErrorType.VALIDATION, none.errorType());
    }

    /** A regenerate's call: the same as another, with a person's feedback. */
    private record WithFeedback(NodeCall call, String feedback) implements NodeCall {
        public String workflowId() {
            return call.workflowId();
        }

        public String runId() {
            return call.runId();
        }

        public String nodeId() {
            return call.nodeId();
        }

        public String nodeName() {
            return call.nodeName();
        }

        public int attempt() {
            return call.attempt();
        }

        public JsonValue input() {
            return call.input();
        }

        public JsonObject formValues() {
            return call.formValues();
        }

        public JsonValue resolved(String field) throws NodeFailure {
            return call.resolved(field);
        }

        public boolean test(String field) throws NodeFailure {
            return call.test(field);
        }

        public NodeSession session() {
            return call.session();
        }

        public long remainingMillis() {
            return call.remainingMillis();
        }
    }
}
