package io.orchestrator.workflow;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The colours a sticky note can have, as n8n offers a few fixed ones: the canvas maps each to its palette. */
public enum NoteColor {
    YELLOW,
    BLUE,
    GREEN,
    PINK,
    PURPLE,
    GRAY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NoteColor> read(String wire) {
        return Arrays.stream(values())
                .filter(color -> color.wire().equals(wire))
                .findFirst();
    }

    /** A stored colour; one this server no longer knows shows as the default rather than failing the canvas. */
    static NoteColor fromWire(String wire) {
        return read(wire).orElse(YELLOW);
    }

    static String names() {
        return Arrays.stream(values()).map(NoteColor::wire).collect(Collectors.joining(", "));
    }
}
