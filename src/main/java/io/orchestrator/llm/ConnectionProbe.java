package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.nodes.ErrorType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a model server answers, and which APIs and models it offers: the connection's own API,
 * and for a KoboldCpp or OpenAI-compatible server the other one as well (KoboldCpp serves both,
 * its native API at the root and the OpenAI one under /v1).
 */
@ApplicationScoped
public class ConnectionProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String V1 = "/v1";

    /**
     * What the test found.
     *
     * @param connected whether the server answered at all (an error status is an answer)
     * @param latencyMillis the time of the connection's own API's answer
     * @param error why the connection's own API did not answer as it should; null when it did
     */
    public record Result(
            boolean connected,
            long latencyMillis,
            boolean openAiApi,
            boolean koboldApi,
            List<String> models,
            JsonObject modelInfo,
            String error) {

        public JsonObject toJson() {
            JsonArrayBuilder names = JSON.createArrayBuilder();
            models.forEach(names::add);
            return JSON.createObjectBuilder()
                    .add("connected", connected)
                    .add("latency_ms", latencyMillis)
                    .add("openai_api", openAiApi)
                    .add("kobold_api", koboldApi)
                    .add("models", names)
                    .add("model_info", modelInfo == null ? JsonValue.NULL : modelInfo)
                    .add("error", error == null ? JsonValue.NULL : JSON.createValue(error))
                    .build();
        }
    }

    /** One API asked for its models. */
    private record Listing(List<String> models, ModelFailure failure, long millis) {

        boolean answered() {
            return failure == null;
        }

        /** Reached the server, even if it refused. */
        boolean reached() {
            return failure == null || failure.errorType() == ErrorType.HTTP;
        }
    }

    private ModelProtocols protocols;

    /** For CDI. */
    ConnectionProbe() {}

    @Inject
    public ConnectionProbe(ModelProtocols protocols) {
        this.protocols = protocols;
    }

    public Result test(ConnectionSettings connection) {
        ModelEndpoint endpoint = ModelEndpoint.of(connection);
        return switch (connection.kind()) {
            case OPENAI -> openAiFirst(endpoint);
            case KOBOLD -> koboldFirst(endpoint);
            case ANTHROPIC -> anthropic(endpoint);
            case HTTP, RABBITMQ ->
                throw new IllegalArgumentException(
                        "A " + connection.kind().wireName() + " connection has no model server.");
        };
    }

    private Result openAiFirst(ModelEndpoint endpoint) {
        Listing openAi = list(protocols.openAi(), endpoint);
        ModelEndpoint root = endpoint.baseUrl().endsWith(V1)
                ? withBase(
                        endpoint,
                        endpoint.baseUrl().substring(0, endpoint.baseUrl().length() - V1.length()))
                : endpoint;
        Listing kobold = list(protocols.kobold(), root);
        JsonObject info = kobold.answered()
                ? koboldInfo(root, kobold)
                : openAi.answered() && !openAi.models().isEmpty()
                        ? info(openAi.models().get(0), "openai")
                        : null;
        return result(endpoint, openAi, openAi, kobold, info);
    }

    private Result koboldFirst(ModelEndpoint endpoint) {
        Listing kobold = list(protocols.kobold(), endpoint);
        Listing openAi = list(protocols.openAi(), withBase(endpoint, endpoint.baseUrl() + V1));
        return result(endpoint, kobold, openAi, kobold, kobold.answered() ? koboldInfo(endpoint, kobold) : null);
    }

    private Result anthropic(ModelEndpoint endpoint) {
        Listing own = list(protocols.of(ConnectionKind.ANTHROPIC).orElseThrow(), endpoint);
        JsonObject info =
                own.answered() && !own.models().isEmpty() ? info(own.models().get(0), "anthropic") : null;
        Listing none = new Listing(List.of(), new ModelFailure(ErrorType.UNSUPPORTED, "not asked"), 0);
        return result(endpoint, own, none, none, info);
    }

    private static Result result(
            ModelEndpoint endpoint, Listing own, Listing openAi, Listing kobold, JsonObject modelInfo) {
        Set<String> models = new LinkedHashSet<>();
        for (Listing listing : List.of(own, openAi, kobold)) {
            if (listing.answered()) {
                models.addAll(listing.models());
            }
        }
        return new Result(
                own.reached() || openAi.reached() || kobold.reached(),
                own.millis(),
                openAi.answered(),
                kobold.answered(),
                List.copyOf(models),
                modelInfo,
                own.answered() ? null : endpoint.masked(own.failure().getMessage()));
    }

    private static Listing list(ModelProtocol protocol, ModelEndpoint endpoint) {
        long start = System.nanoTime();
        try {
            return new Listing(protocol.models(endpoint, TIMEOUT), null, AnswerFields.millisSince(start));
        } catch (ModelFailure failure) {
            return new Listing(List.of(), failure, AnswerFields.millisSince(start));
        }
    }

    private JsonObject koboldInfo(ModelEndpoint endpoint, Listing kobold) {
        JsonObjectBuilder info = JSON.createObjectBuilder(info(kobold.models().get(0), "kobold"));
        Optional<JsonObject> version = protocols.kobold().version(endpoint, TIMEOUT);
        version.ifPresent(found -> {
            if (found.get("version") != null) {
                info.add("version", found.get("version"));
            }
            if (found.get("result") != null) {
                info.add("server", found.get("result"));
            }
        });
        return info.build();
    }

    private static JsonObject info(String model, String api) {
        return JSON.createObjectBuilder().add("model", model).add("api", api).build();
    }

    private static ModelEndpoint withBase(ModelEndpoint endpoint, String baseUrl) {
        return new ModelEndpoint(endpoint.name(), baseUrl, endpoint.secret(), endpoint.headers());
    }
}
