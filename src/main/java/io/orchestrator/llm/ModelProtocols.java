package io.orchestrator.llm;

import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.nodes.ErrorType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Consumer;

/** The protocol each kind of connection speaks; an {@code http} connection speaks none. */
@ApplicationScoped
public class ModelProtocols {

    private OpenAiProtocol openAi;
    private KoboldProtocol kobold;
    private AnthropicProtocol anthropic;

    /** For CDI. */
    ModelProtocols() {}

    @Inject
    public ModelProtocols(ModelHttp http) {
        openAi = new OpenAiProtocol(http);
        kobold = new KoboldProtocol(http);
        anthropic = new AnthropicProtocol(http);
    }

    public Optional<ModelProtocol> of(ConnectionKind kind) {
        return Optional.ofNullable(
                switch (kind) {
                    case OPENAI -> openAi;
                    case KOBOLD -> kobold;
                    case ANTHROPIC -> anthropic;
                    case HTTP, RABBITMQ -> null;
                });
    }

    /**
     * Asks a connection's model for one answer: its protocol, its endpoint, and a failure that names
     * the model and the connection with the secret masked.
     */
    public ModelAnswer ask(ConnectionSettings connection, ModelRequest request, Consumer<String> pieces)
            throws ModelFailure {
        String where = "model '" + request.model() + "' on connection '" + connection.name() + "': ";
        ModelProtocol protocol = of(connection.kind())
                .orElseThrow(() -> new ModelFailure(
                        ErrorType.VALIDATION,
                        where + "a connection of kind " + connection.kind().wireName() + " is not a model server"));
        ModelEndpoint endpoint = ModelEndpoint.of(connection);
        try {
            return protocol.generate(endpoint, request, pieces);
        } catch (ModelFailure failed) {
            throw new ModelFailure(failed.errorType(), endpoint.masked(where + failed.getMessage()), failed);
        }
    }

    OpenAiProtocol openAi() {
        return openAi;
    }

    KoboldProtocol kobold() {
        return kobold;
    }
}
