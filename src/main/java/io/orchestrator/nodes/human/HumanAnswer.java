package io.orchestrator.nodes.human;

import jakarta.json.JsonObject;

/**
 * A person's answer, checked against what the node asked: the node's output ({@code action,
 * selected, text, feedback}) and the route it takes; a regenerate takes no route, its
 * {@code feedback} goes to the node that runs again.
 */
public record HumanAnswer(HumanAction action, JsonObject output, String route, String feedback) {

    public boolean regenerates() {
        return action == HumanAction.REGENERATE;
    }
}
