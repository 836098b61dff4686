package io.orchestrator.connections;

import java.util.Locale;
import java.util.Optional;

/** What a connection talks to, named in the API by its lower-case name. */
public enum ConnectionKind {
    /** Any OpenAI-compatible server (OpenAI, llama.cpp, vLLM, Ollama, KoboldCpp's /v1); base URL up to and including /v1. */
    OPENAI,
    /** KoboldCpp's native API ({@code /api/v1/generate}); base URL is the server root. */
    KOBOLD,
    /** Anthropic's messages API. */
    ANTHROPIC,
    /** Credentials for the http-request node. */
    HTTP,
    /**
     * A RabbitMQ broker for the queue nodes: base URL {@code amqp://host:port/vhost} (or amqps),
     * secret {@code user:password}.
     */
    RABBITMQ;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public boolean isModelServer() {
        return this != HTTP && this != RABBITMQ;
    }

    public static Optional<ConnectionKind> named(String name) {
        for (ConnectionKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
