package io.orchestrator.workflow;

import io.orchestrator.platform.RequestBody;
import java.util.Optional;

/**
 * What a request asks to set on a sticky note; absent parts stay as they are (or take the defaults
 * for a new note). Read from the request's JSON with its problems recorded on the body.
 */
public record NoteChanges(
        Optional<String> text,
        Optional<Position> position,
        Optional<Double> width,
        Optional<Double> height,
        Optional<NoteColor> color) {

    /** A note's text is for people: a long page is enough, and bounds what a canvas load carries. */
    static final int MAX_TEXT = 20_000;

    static final double MIN_SIZE = 40;
    static final double MAX_SIZE = 4_000;

    /** Every part of a note. */
    public record Complete(String text, Position position, double width, double height, NoteColor color) {

        /** A new note: empty, yellow, the size of a small card, as n8n's sticky notes start. */
        static final Complete NEW = new Complete("", Position.ORIGIN, 240, 160, NoteColor.YELLOW);
    }

    public static NoteChanges read(RequestBody body) {
        Optional<String> text = body.text("text", MAX_TEXT);
        Optional<Position> position = body.object("position").flatMap(json -> NodeChanges.readPosition(json, body));
        Optional<Double> width = body.number("width", MIN_SIZE, MAX_SIZE);
        Optional<Double> height = body.number("height", MIN_SIZE, MAX_SIZE);
        Optional<String> colorName = body.text("color", 20);
        Optional<NoteColor> color = colorName.flatMap(NoteColor::read);
        if (colorName.isPresent() && color.isEmpty()) {
            body.errors().add("color", "Must be one of: " + NoteColor.names() + ".");
        }
        return new NoteChanges(text, position, width, height, color);
    }

    Complete applyTo(Complete current) {
        return new Complete(
                text.orElse(current.text()),
                position.orElse(current.position()),
                width.orElse(current.width()),
                height.orElse(current.height()),
                color.orElse(current.color()));
    }
}
