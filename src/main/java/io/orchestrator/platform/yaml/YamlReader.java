package io.orchestrator.platform.yaml;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.NumberLimits;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one YAML document as JSON-P values, for documents a client sends (workflow files). YAML 1.2
 * with the core schema ({@code true}, {@code null}, {@code 0x1F}...), built from the parser's
 * events rather than through a constructor, so that no tag can make a type: any tag ({@code !!python},
 * {@code !foo}, even {@code !!str}) is refused. Numbers are kept exact (BigInteger, BigDecimal);
 * {@code .inf} and {@code .nan}, which JSON cannot hold, are refused. Mapping keys must be scalars,
 * each once. Aliases are allowed, but every value an alias repeats counts towards a limit on the
 * document's expanded size: a "billion laughs" document is refused after a bounded amount of work
 * rather than expanded, however few aliases it uses. Every refusal is a 400 that says where.
 */
public final class YamlReader {

    /** How many values (scalars and collections) a document may hold once its aliases are expanded. */
    public static final long MAX_EXPANDED_VALUES = 1_000_000;

    private static final ScalarResolver CORE = new CoreSchema().getScalarResolver();

    /** A value built from events, with how many values it holds: an alias to it costs that much again. */
    private record Sized(JsonValue value, long size) {}

    private final Iterator<Event> events;
    private final int maxDepth;
    private final Map<String, Sized> anchors = new HashMap<>();
    private long expanded;

    private YamlReader(Iterator<Event> events, int maxDepth) {
        this.events = events;
        this.maxDepth = maxDepth;
    }

    /** The document's value ({@code null} for an empty document); refused with a 400 when it is not one safe document. */
    public static JsonValue read(String text, int maxDepth, int maxCodePoints) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel("the YAML document")
                .setCodePointLimit(Math.max(1, maxCodePoints))
                .setUseMarks(true)
                // The whole text in one read: the parser's window grows by a copy of all it holds per read
                // (1,024 characters by default) while a scalar is scanned, quadratic in a long one (a
                // 1.8 MB plain scalar took over 20 s). The text is already in memory and bounded by
                // the body limit, so one buffer of its size costs no more than the text itself.
                .setBufferSize(text.length() + 1)
                .build();
        try {
            return new YamlReader(new Parse(settings).parseString(text).iterator(), maxDepth).document();
        } catch (MarkedYamlEngineException malformed) {
            throw refused("Malformed YAML: " + malformed.getProblem(), malformed.getProblemMark());
        } catch (YamlEngineException unreadable) {
            throw refused("Unreadable YAML: " + unreadable.getMessage(), Optional.empty());
        }
    }

    private JsonValue document() {
        expect(Event.ID.StreamStart);
        Event next = events.next();
        if (next.getEventId() == Event.ID.StreamEnd) {
            return JsonValue.NULL;
        }
        if (next.getEventId() != Event.ID.DocumentStart) {
            throw refused("Malformed YAML: expected a document", next.getStartMark());
        }
        JsonValue value = node(events.next(), 1).value();
        expect(Event.ID.DocumentEnd);
        Event end = events.next();
        if (end.getEventId() != Event.ID.StreamEnd) {
            throw refused("The YAML holds more than one document; send one", end.getStartMark());
        }
        return value;
    }

    private Sized node(Event event, int depth) {
        if (event.getEventId() == Event.ID.Alias) {
            return alias((AliasEvent) event);
        }
        count(1, event);
        Sized node = switch (event.getEventId()) {
            case Scalar -> new Sized(scalar((ScalarEvent) event), 1);
            case SequenceStart -> sequence((CollectionStartEvent) event, depth);
            case MappingStart -> mapping((CollectionStartEvent) event, depth);
            default -> throw refused("Malformed YAML: unexpected " + event.getEventId(), event.getStartMark());
        };
        ((NodeEvent) event).getAnchor().ifPresent(anchor -> anchors.put(anchor.getValue(), node));
        return node;
    }

    private Sized alias(AliasEvent event) {
        Sized target = anchors.get(event.getAlias().getValue());
        if (target == null) {
            throw refused(
                    "The alias *" + event.getAlias().getValue() + " names no anchor before it", event.getStartMark());
        }
        count(target.size(), event);
        return target;
    }

    private void count(long values, Event where) {
        expanded += values;
        if (expanded > MAX_EXPANDED_VALUES) {
            throw refused(
                    "The YAML expands to more than " + MAX_EXPANDED_VALUES + " values (aliases repeat what they name)",
                    where.getStartMark());
        }
    }

    private Sized sequence(CollectionStartEvent start, int depth) {
        refuseTag(start.getTag(), start);
        checkDepth(depth, start);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        long size = 1;
        Event next;
        while ((next = events.next()).getEventId() != Event.ID.SequenceEnd) {
            Sized item = node(next, depth + 1);
            array.add(item.value());
            size += item.size();
        }
        return new Sized(array.build(), size);
    }

    private Sized mapping(CollectionStartEvent start, int depth) {
        refuseTag(start.getTag(), start);
        checkDepth(depth, start);
        JsonObjectBuilder object = JSON.createObjectBuilder();
        Set<String> keys = new HashSet<>();
        long size = 1;
        Event next;
        while ((next = events.next()).getEventId() != Event.ID.MappingEnd) {
            if (!(next instanceof ScalarEvent key)) {
                throw refused(
                        "A mapping key must be plain text, not a list, a mapping or an alias", next.getStartMark());
            }
            refuseTag(key.getTag(), key);
            if (!keys.add(key.getValue())) {
                throw refused("The key '" + key.getValue() + "' appears twice in one mapping", key.getStartMark());
            }
            Sized value = node(events.next(), depth + 1);
            object.add(key.getValue(), value.value());
            size += value.size();
        }
        return new Sized(object.build(), size);
    }

    private JsonValue scalar(ScalarEvent event) {
        refuseTag(event.getTag(), event);
        String text = event.getValue();
        if (!event.isPlain()) {
            return JSON.createValue(text);
        }
        Tag tag = CORE.resolve(text, true);
        if (tag.equals(Tag.NULL)) {
            return JsonValue.NULL;
        }
        if (tag.equals(Tag.BOOL)) {
            return text.toLowerCase(Locale.ROOT).equals("true") ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (tag.equals(Tag.INT)) {
            try {
                return JSON.createValue(integer(text));
            } catch (ArithmeticException outOfRange) {
                throw refused("The document holds " + outOfRange.getMessage(), event.getStartMark());
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            String digits = text.startsWith("+") ? text.substring(1) : text;
            try {
                return JSON.createValue(NumberLimits.parse(digits));
            } catch (NumberFormatException notFinite) {
                throw refused("JSON has no number " + text + " (infinity or not-a-number)", event.getStartMark());
            } catch (ArithmeticException outOfRange) {
                throw refused("The document holds " + outOfRange.getMessage(), event.getStartMark());
            }
        }
        return JSON.createValue(text);
    }

    private static BigInteger integer(String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.startsWith("0x")) {
            return NumberLimits.parseInteger(digits.substring(2), 16);
        }
        if (digits.startsWith("0o")) {
            return NumberLimits.parseInteger(digits.substring(2), 8);
        }
        return NumberLimits.parseInteger(digits, 10);
    }

    private void checkDepth(int depth, Event where) {
        if (depth > maxDepth) {
            throw refused("The YAML document is nested deeper than " + maxDepth + " levels", where.getStartMark());
        }
    }

    private static void refuseTag(Optional<String> tag, Event where) {
        if (tag.isPresent()) {
            throw refused("YAML tags are not accepted (" + tag.get() + "): write plain values", where.getStartMark());
        }
    }

    private void expect(Event.ID id) {
        Event event = events.next();
        if (event.getEventId() != id) {
            throw refused("Malformed YAML: expected " + id + ", found " + event.getEventId(), event.getStartMark());
        }
    }

    /** A 400 naming the line and column (from 1) where the problem is, when the parser knows. */
    private static ApiException refused(String message, Optional<Mark> where) {
        JsonObjectBuilder details = JSON.createObjectBuilder();
        String at = "";
        if (where.isPresent()) {
            int line = where.get().getLine() + 1;
            int column = where.get().getColumn() + 1;
            details.add("line", line).add("column", column);
            at = " (line " + line + ", column " + column + ")";
        }
        return new ApiException(ErrorCode.INVALID_REQUEST, message + at, details.build());
    }
}
