package io.orchestrator.nodes;

import java.util.Locale;

/** Where a node type sits in the palette. Triggers start runs and may only be entry nodes. */
public enum NodeCategory {
    TRIGGER("Triggers"),
    ACTION("Actions"),
    LOGIC("Logic");

    private final String label;

    NodeCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
