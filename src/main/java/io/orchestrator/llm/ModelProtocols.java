package io.orchestrator.llm;

import io.orchestrator.connections.ConnectionKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

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
                    case HTTP -> null;
                });
    }

    OpenAiProtocol openAi() {
        return openAi;
    }

    KoboldProtocol kobold() {
        return kobold;
    }
}
