import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket watcher for bench/command-bench.sh: follows one workflow's socket through RUNS runs
 * of a command node and counts what its live log delivered: log_entry messages, the lines they
 * showed and those they said were dropped, the highest line number seen, and the longest silence
 * between two log_entry messages while a run went on.
 *
 * <pre>
 *   java bench/LogClient.java WS_URL RUNS TIMEOUT_SECONDS
 * </pre>
 *
 * Prints {@code READY} once it has its state_sync, then at the end a RESULT line:
 * {@code RESULT messages=N lines=N dropped=N last_line=N max_gap_ms=N runs=N}.
 */
public class LogClient implements WebSocket.Listener {

    private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z_]+)\"");
    private static final Pattern NUMBER = Pattern.compile("\"(lines|dropped|first_line)\":(\\d+)");

    private final StringBuilder partial = new StringBuilder();
    private final CountDownLatch synced = new CountDownLatch(1);
    private final CountDownLatch completed;
    private long messages;
    private long lines;
    private long dropped;
    private long lastLine;
    private long lastMessageAt;
    private long maxGapMillis;
    private int runs;

    LogClient(int runs) {
        this.completed = new CountDownLatch(runs);
    }

    @Override
    public void onOpen(WebSocket socket) {
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            handle(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    private synchronized void handle(String message) {
        Matcher type = TYPE.matcher(message);
        if (!type.find()) {
            return;
        }
        long now = System.nanoTime() / 1_000_000;
        switch (type.group(1)) {
            case "state_sync" -> synced.countDown();
            case "node_started" -> lastMessageAt = now;
            case "log_entry" -> {
                messages++;
                maxGapMillis = Math.max(maxGapMillis, now - lastMessageAt);
                lastMessageAt = now;
                long count = 0;
                long first = 0;
                Matcher number = NUMBER.matcher(message);
                while (number.find()) {
                    long value = Long.parseLong(number.group(2));
                    switch (number.group(1)) {
                        case "lines" -> count = value;
                        case "dropped" -> dropped += value;
                        default -> first = value;
                    }
                }
                lines += count;
                lastLine = Math.max(lastLine, first + count - 1);
            }
            case "workflow_completed", "workflow_failed" -> {
                runs++;
                completed.countDown();
            }
            default -> {}
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[1]);
        LogClient client = new LogClient(runs);
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(args[0]), client)
                .join();
        if (!client.synced.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no state_sync within 30 s");
        }
        System.out.println("READY");
        client.completed.await(Long.parseLong(args[2]), TimeUnit.SECONDS);
        synchronized (client) {
            System.out.printf(
                    "RESULT messages=%d lines=%d dropped=%d last_line=%d max_gap_ms=%d runs=%d%n",
                    client.messages, client.lines, client.dropped, client.lastLine, client.maxGapMillis, client.runs);
        }
        System.exit(0);
    }
}
