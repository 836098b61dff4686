package io.orchestrator.llm;

/** One entry of the llm node's {@code models}: a connection (by id) and one of its models. */
public record ModelChoice(String connection, String model) {}
