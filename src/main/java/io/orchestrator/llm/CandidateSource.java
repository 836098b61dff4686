package io.orchestrator.llm;

import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.nodes.ErrorType;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The answers of one llm node's attempt: from the response cache when it is on and holds one, else
 * from the model through its connection's protocol, streamed to the workflow's watchers when the
 * node streams. Failures name the connection and the model, never the secret.
 */
final class CandidateSource implements Candidates.Source {

    /** Where a candidate's streamed pieces go: its number in the node's plan and the model's name. */
    interface StreamOpener {
        TokenStreams.CandidateStream open(int candidate, String model);
    }

    private final LlmSettings settings;
    private final List<ChatMessage> messages;
    private final JsonArray messagesJson;
    private final Map<String, ConnectionSettings> connections;
    private final ModelProtocols protocols;
    private final ResponseCache cache;
    private final ResponseCache.Scope cacheScope;
    private final StreamOpener streams;
    private final long deadlineNanos;
    private final Map<Candidates.Ask, String> cacheKeys = new ConcurrentHashMap<>();

    /**
     * @param connections the connections the models name, by id; a missing one fails its model
     * @param cache null when the node does not use the cache
     * @param streams null when the node does not stream
     */
    CandidateSource(
            LlmSettings settings,
            List<ChatMessage> messages,
            Map<String, ConnectionSettings> connections,
            ModelProtocols protocols,
            ResponseCache cache,
            ResponseCache.Scope cacheScope,
            StreamOpener streams,
            long remainingMillis) {
        this.settings = settings;
        this.messages = List.copyOf(messages);
        this.messagesJson = ChatMessage.toJson(messages);
        this.connections = connections;
        this.protocols = protocols;
        this.cache = cache;
        this.cacheScope = cacheScope;
        this.streams = streams;
        this.deadlineNanos = System.nanoTime() + remainingMillis * 1_000_000;
    }

    @Override
    public Optional<ModelAnswer> cached(Candidates.Ask ask) {
        ConnectionSettings connection = connections.get(ask.choice().connection());
        if (cache == null || connection == null) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        String key = cache.key(
                connection.id(),
                ask.choice().model(),
                messagesJson,
                settings.parameters(temperature(connection), maxTokens(connection)),
                ask.indexInModel());
        cacheKeys.put(ask, key);
        return cache.find(key).map(found -> ModelAnswer.of(found, AnswerFields.millisSince(start)));
    }

    @Override
    public ModelAnswer call(Candidates.Ask ask) throws ModelFailure {
        ModelChoice choice = ask.choice();
        ConnectionSettings connection = connections.get(choice.connection());
        if (connection == null) {
            throw new ModelFailure(
                    ErrorType.VALIDATION,
                    "model '" + choice.model() + "': no connection with id '" + choice.connection() + "'");
        }
        String where = "model '" + choice.model() + "' on connection '" + connection.name() + "': ";
        ModelProtocol protocol = protocols
                .of(connection.kind())
                .orElseThrow(() -> new ModelFailure(
                        ErrorType.VALIDATION,
                        where + "a connection of kind " + connection.kind().wireName() + " is not a model server"));
        ModelEndpoint endpoint = ModelEndpoint.of(connection);
        ModelRequest request = new ModelRequest(
                choice.model(),
                messages,
                temperature(connection),
                maxTokens(connection),
                settings.stop(),
                settings.stream(),
                Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime())));
        TokenStreams.CandidateStream stream = streams == null ? null : streams.open(streamNumber(ask), choice.model());
        Consumer<String> pieces = stream == null ? piece -> {} : stream::append;
        try {
            return protocol.generate(endpoint, request, pieces);
        } catch (ModelFailure failed) {
            throw new ModelFailure(failed.errorType(), endpoint.masked(where + failed.getMessage()), failed);
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
    }

    @Override
    public void answered(Candidates.Ask ask, ModelAnswer answer) {
        String key = cacheKeys.get(ask);
        if (cache != null && key != null) {
            cache.store(
                    key,
                    cacheScope,
                    ask.choice().connection(),
                    ask.choice().model(),
                    answer.toCached(),
                    settings.cacheTimeToLive());
        }
    }

    /** The cache key the candidate was looked up under; null when the cache was not used. */
    String cacheKey(Candidates.Ask ask) {
        return cacheKeys.get(ask);
    }

    /** A candidate's number in the node's plan: models in order, each with its candidates. */
    private int streamNumber(Candidates.Ask ask) {
        int perModel = settings.candidatesPerModel() == null ? 1 : settings.candidatesPerModel();
        return settings.candidatesPerModel() == null
                ? 0
                : settings.models().indexOf(ask.choice()) * perModel + ask.indexInModel();
    }

    /** The node's temperature, else the connection's default, else the server's. */
    private Double temperature(ConnectionSettings connection) {
        if (settings.temperature() != null) {
            return settings.temperature();
        }
        return connection.defaults() != null && connection.defaults().get("temperature") instanceof JsonNumber number
                ? number.doubleValue()
                : null;
    }

    private Integer maxTokens(ConnectionSettings connection) {
        if (settings.maxTokens() != null) {
            return settings.maxTokens();
        }
        JsonObject defaults = connection.defaults();
        return defaults != null && defaults.get("max_tokens") instanceof JsonNumber number && number.isIntegral()
                ? number.intValue()
                : null;
    }
}
