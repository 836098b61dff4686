package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.blocks.PromptBlockLookup;
import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeCall;
import io.orchestrator.nodes.NodeCategory;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.Routes;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.workspaces.Workspace;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks one or more models for an answer to a prompt: by fallback (the first model that answers) or
 * for several candidates per model; streamed, cached, counted and priced per candidate. Every
 * candidate is kept as an llm_response record with the messages that were sent.
 */
@ApplicationScoped
public class LlmNode implements NodeType {

    private static final Logger LOG = Logger.getLogger(LlmNode.class.getName());

    private static final Form FORM = new Form(
            FormField.of("models", FieldType.LIST)
                    .required()
                    .help("The models to ask, in order: a connection's id and one of its models.")
                    // Not required item by item: a node may be saved before its connection is chosen
                    // (an imported WriteIt pipeline's models have none); a run refuses an incomplete entry.
                    .items(
                            FormField.of("connection", FieldType.TEXT).help("The connection's id."),
                            FormField.of("model", FieldType.TEXT)),
            FormField.of("candidates_per_model", FieldType.INTEGER)
                    .range(1, LlmSettings.MAX_CANDIDATES_PER_MODEL)
                    .help("Empty: the first model that answers gives the one candidate (fallback)."
                            + " A number: every model gives that many."),
            FormField.of("system", FieldType.TEXTAREA).label("System prompt"),
            FormField.of("prompt", FieldType.TEXTAREA).required().help("May use ${...} and {{block:Title}}."),
            FormField.of("blocks", FieldType.STRING_LIST)
                    .defaultValue(JsonValue.EMPTY_JSON_ARRAY)
                    .help("Prompt block ids, placed before the prompt in this order."),
            FormField.of("temperature", FieldType.NUMBER).range(0, 2),
            FormField.of("max_tokens", FieldType.INTEGER).label("Max tokens").range(1, LlmSettings.MAX_TOKENS),
            FormField.of("stop", FieldType.STRING_LIST).help("Sequences that end an answer."),
            FormField.of("stream", FieldType.BOOLEAN).defaultValue(true),
            FormField.of("cache", FieldType.BOOLEAN).defaultValue(true),
            FormField.of("cache_ttl_seconds", FieldType.INTEGER)
                    .label("Cache time to live (s)")
                    .defaultValue(LlmSettings.DEFAULT_CACHE_TTL_SECONDS)
                    .range(0, Integer.MAX_VALUE));

    @Inject
    ConnectionLookup connections;

    @Inject
    PromptBlockLookup blocks;

    @Inject
    ResponseCache cache;

    @Inject
    TokenStreams streams;

    @Inject
    ModelProtocols protocols;

    @Inject
    LlmResponseStore store;

    @Resource
    ManagedExecutorService executor;

    private ExecutorService modelThreads;

    /** For CDI. */
    LlmNode() {}

    /** Outside CDI (tests). */
    LlmNode(
            ConnectionLookup connections,
            PromptBlockLookup blocks,
            ResponseCache cache,
            TokenStreams streams,
            ModelProtocols protocols,
            LlmResponseStore store,
            ExecutorService modelThreads) {
        this.connections = connections;
        this.blocks = blocks;
        this.cache = cache;
        this.streams = streams;
        this.protocols = protocols;
        this.store = store;
        this.modelThreads = modelThreads;
    }

    @Override
    public String key() {
        return "llm";
    }

    @Override
    public String displayName() {
        return "LLM";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.ACTION;
    }

    @Override
    public String description() {
        return "Asks one or more models (with fallback or several candidates each) and outputs"
                + " {text, candidates, tokens, cost_usd}; the error route takes a failure of every model.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public List<String> routes(JsonObject formValues) {
        return Routes.DEFAULT_AND_ERROR;
    }

    @Override
    public boolean mayBlock() {
        return true;
    }

    @Override
    public boolean regeneratesWithFeedback() {
        return true;
    }

    /** Models that name a connection that does not exist or is no model server; blocks that do not exist. */
    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        new LlmValuesCheck(connections, blocks).check(values, errors);
    }

    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        long start = System.nanoTime();
        LlmSettings settings = LlmSettings.read(call);
        List<ChatMessage> messages = messages(settings, call.feedback(), blocks.forWorkflow(call.workflowId()));
        Map<String, ConnectionSettings> found = new LinkedHashMap<>();
        for (ModelChoice choice : settings.models()) {
            connections
                    .findFor(call.workflowId(), choice.connection())
                    .ifPresent(connection -> found.put(choice.connection(), connection));
        }
        // Connections come from the workflow's own workspace only (findFor), so theirs is the workflow's.
        String workspace = found.values().stream()
                .map(ConnectionSettings::workspace)
                .filter(name -> name != null)
                .findFirst()
                .orElse(Workspace.DEFAULT);
        CandidateSource source = new CandidateSource(
                settings,
                messages,
                found,
                protocols,
                // A regenerate asks for new answers: the cache would give the same ones back.
                settings.cache() && call.feedback() == null ? cache : null,
                new ResponseCache.Scope(workspace, call.workflowId()),
                settings.stream()
                        ? (candidate, model) ->
                                streams.open(call.workflowId(), call.runId(), call.nodeId(), candidate, model)
                        : null,
                call.remainingMillis());
        List<Candidates.Answered> answered = List.of();
        try {
            answered = settings.candidatesPerModel() == null
                    ? Candidates.firstAnswer(settings.models(), source)
                    : Candidates.each(settings.models(), settings.candidatesPerModel(), source, threads());
        } catch (Candidates.NoAnswer none) {
            throw none.asNodeFailure();
        } finally {
            if (settings.stream()) {
                streams.complete(
                        call.workflowId(),
                        call.runId(),
                        call.nodeId(),
                        answered.size(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        return NodeOutcome.of(output(call, answered, messages, found, source));
    }

    private static List<ChatMessage> messages(LlmSettings settings, String feedback, PromptBlockLookup blocks)
            throws NodeFailure {
        List<ChatMessage> messages;
        try {
            messages =
                    PromptRendering.messages(settings.system(), settings.prompt(), settings.blocks(), feedback, blocks);
        } catch (PromptBlockLookup.UnknownBlock unknown) {
            throw new NodeFailure(ErrorType.VALIDATION, unknown.getMessage(), unknown);
        }
        if (messages.stream().noneMatch(message -> ChatMessage.USER.equals(message.role()))) {
            throw new NodeFailure(ErrorType.VALIDATION, "The prompt is empty: there is nothing to ask the model.");
        }
        return messages;
    }

    private ExecutorService threads() {
        return modelThreads != null ? modelThreads : executor;
    }

    /** {@code {text, candidates, tokens, cost_usd}}, with the candidates' records kept on the way. */
    private JsonObject output(
            NodeCall call,
            List<Candidates.Answered> answered,
            List<ChatMessage> messages,
            Map<String, ConnectionSettings> found,
            CandidateSource source) {
        String sent = ChatMessage.toJson(messages).toString();
        Instant now = Instant.now();
        JsonArrayBuilder candidates = JSON.createArrayBuilder();
        List<LlmResponse> records = new ArrayList<>();
        long promptTokens = 0;
        long completionTokens = 0;
        BigDecimal totalCost = BigDecimal.ZERO;
        for (int index = 0; index < answered.size(); index++) {
            Candidates.Answered candidate = answered.get(index);
            ModelChoice choice = candidate.ask().choice();
            ModelAnswer answer = candidate.answer();
            ConnectionSettings connection = found.get(choice.connection());
            BigDecimal cost =
                    Prices.cost(connection.prices(), choice.model(), answer.promptTokens(), answer.completionTokens());
            String id = UUID.randomUUID().toString();
            candidates.add(CandidateJson.of(
                    index, id, choice, answer, cost, candidate.cached(), source.cacheKey(candidate.ask())));
            records.add(new LlmResponse(
                    id,
                    call.runId(),
                    call.workflowId(),
                    call.nodeId(),
                    call.attempt(),
                    index,
                    choice,
                    sent,
                    answer,
                    cost,
                    candidate.cached(),
                    now));
            promptTokens += answer.promptTokens();
            completionTokens += answer.completionTokens();
            totalCost = totalCost.add(cost);
        }
        keep(records);
        return JSON.createObjectBuilder()
                .add("text", answered.get(0).answer().text())
                .add("candidates", candidates)
                .add("tokens", LlmResponseJson.tokens(promptTokens, completionTokens))
                .add("cost_usd", Prices.exact(totalCost))
                .build();
    }

    /** A record that cannot be written is logged: the answers are the node's work, and they are there. */
    private void keep(List<LlmResponse> records) {
        try {
            store.keep(records);
        } catch (RuntimeException notStored) {
            LOG.log(Level.WARNING, "The llm_response records of a node could not be stored", notStored);
        }
    }
}
