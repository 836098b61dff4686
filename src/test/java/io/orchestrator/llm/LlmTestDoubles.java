package io.orchestrator.llm;

import io.orchestrator.blocks.PromptBlockLookup;
import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.testing.JsonLiterals;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** In-memory stand-ins for what the llm node uses besides the model servers: plain implementations, no mocks. */
final class LlmTestDoubles {

    private LlmTestDoubles() {}

    static ConnectionSettings connection(String id, ConnectionKind kind, String baseUrl, String secret, String prices) {
        return new ConnectionSettings(
                id,
                "Connection " + id,
                kind,
                baseUrl,
                secret,
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_ARRAY,
                prices == null ? JsonValue.EMPTY_JSON_OBJECT : JsonLiterals.object(prices),
                JsonValue.EMPTY_JSON_OBJECT,
                "default");
    }

    static final class Connections implements ConnectionLookup {
        final Map<String, ConnectionSettings> byId = new HashMap<>();

        Connections add(ConnectionSettings connection) {
            byId.put(connection.id(), connection);
            return this;
        }

        @Override
        public Optional<ConnectionSettings> find(String connectionId) {
            return Optional.ofNullable(byId.get(connectionId));
        }
    }

    /** Blocks by id, each with a title. */
    static final class Blocks implements PromptBlockLookup {
        private static final Pattern REFERENCE = Pattern.compile("\\{\\{block:([^}]+)}}");
        final Map<String, String[]> byId = new LinkedHashMap<>();

        Blocks add(String id, String title, String content) {
            byId.put(id, new String[] {title, content});
            return this;
        }

        @Override
        public String expand(String template) throws UnknownBlock {
            Matcher matcher = REFERENCE.matcher(template);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String title = matcher.group(1).strip();
                String content = byId.values().stream()
                        .filter(block -> block[0].equals(title))
                        .map(block -> block[1])
                        .findFirst()
                        .orElseThrow(() -> new UnknownBlock("No prompt block titled '" + title + "'."));
                matcher.appendReplacement(out, Matcher.quoteReplacement(content));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        @Override
        public List<String> contents(List<String> blockIds) throws UnknownBlock {
            List<String> contents = new ArrayList<>();
            for (String id : blockIds) {
                String[] block = byId.get(id);
                if (block == null) {
                    throw new UnknownBlock("No prompt block with id '" + id + "'.");
                }
                contents.add(block[1]);
            }
            return contents;
        }
    }

    static final class MemoryCache implements ResponseCache {
        final Map<String, CachedAnswer> entries = new HashMap<>();
        final List<Duration> timesToLive = new ArrayList<>();

        @Override
        public String key(String connectionId, String model, JsonArray messages, JsonObject parameters, int index) {
            return connectionId + "|" + model + "|" + messages + "|" + parameters + "|" + index;
        }

        @Override
        public Optional<CachedAnswer> find(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public void store(
                String key, Scope scope, String connectionId, String model, CachedAnswer answer, Duration timeToLive) {
            entries.put(key, answer);
            timesToLive.add(timeToLive);
        }
    }

    /** Records what would go to the WebSocket: per candidate the pieces, and the completions. */
    static final class RecordedStreams implements TokenStreams {
        final Map<Integer, List<String>> pieces = Collections.synchronizedMap(new HashMap<>());
        final Map<Integer, String> models = Collections.synchronizedMap(new HashMap<>());
        final List<Integer> completions = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CandidateStream open(String workflowId, String taskId, String nodeId, int candidate, String model) {
            models.put(candidate, model);
            List<String> list = Collections.synchronizedList(new ArrayList<>());
            pieces.put(candidate, list);
            return new CandidateStream() {
                @Override
                public void append(String content) {
                    list.add(content);
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void complete(
                String workflowId, String taskId, String nodeId, int totalResponses, double totalTimeSeconds) {
            completions.add(totalResponses);
        }
    }
}
