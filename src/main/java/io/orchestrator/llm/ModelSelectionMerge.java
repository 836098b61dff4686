package io.orchestrator.llm;

import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.nodes.human.ModelMerge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A human-input node's {@code merge: {connection, model, instruction}}: the person's selections go to
 * the model as numbered texts, with the instruction as the system prompt, and its answer becomes the
 * node's text. The person waits for it, so the call is bounded by {@link #TIMEOUT}.
 */
@ApplicationScoped
public class ModelSelectionMerge implements ModelMerge {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String DEFAULT_INSTRUCTION =
            "Merge the following texts into one text that keeps the best of each. Answer with the merged text only.";

    @Inject
    ConnectionLookup connections;

    @Inject
    ModelProtocols protocols;

    @Override
    public String merge(String connectionId, String model, String instruction, List<String> texts)
            throws MergeUnavailable {
        return merge(connections.find(connectionId), connectionId, model, instruction, texts);
    }

    @Override
    public String mergeFor(String workflowId, String connectionId, String model, String instruction, List<String> texts)
            throws MergeUnavailable {
        return merge(connections.findFor(workflowId, connectionId), connectionId, model, instruction, texts);
    }

    private String merge(
            Optional<ConnectionSettings> found,
            String connectionId,
            String model,
            String instruction,
            List<String> texts)
            throws MergeUnavailable {
        ConnectionSettings connection =
                found.orElseThrow(() -> new MergeUnavailable("No connection with id '" + connectionId + "'."));
        ModelRequest request = new ModelRequest(
                model,
                List.of(
                        ChatMessage.system(
                                instruction == null || instruction.isBlank() ? DEFAULT_INSTRUCTION : instruction),
                        ChatMessage.user(numbered(texts))),
                null,
                null,
                List.of(),
                false,
                TIMEOUT);
        try {
            return protocols.ask(connection, request, piece -> {}).text();
        } catch (ModelFailure failed) {
            throw new MergeUnavailable("The merge failed: " + failed.getMessage());
        }
    }

    static String numbered(List<String> texts) {
        StringBuilder prompt = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            prompt.append(i == 0 ? "" : "\n\n")
                    .append("Text ")
                    .append(i + 1)
                    .append(":\n")
                    .append(texts.get(i));
        }
        return prompt.toString();
    }
}
