import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebSocket watchers for bench/stream-bench.sh: CLIENTS connections to one workflow's socket, each
 * timing every streamed token. The model server writes into each token the time it sent it
 * ({@code " t<epoch ms>"}), so a token's lag is the time its stream_token message arrived here
 * minus that: the server's reading of the model's stream, the coalescing, the queue and the socket.
 * Same machine, same clock.
 *
 * <pre>
 *   java bench/StreamClient.java WS_URL CLIENTS RUNS TIMEOUT_SECONDS
 * </pre>
 *
 * Prints {@code READY} once every client has its state_sync, then, when every client has seen RUNS
 * stream_complete messages (or at the timeout), one line per client and a RESULT line:
 * {@code RESULT clients=N tokens=N messages=N p50_ms=N p99_ms=N max_ms=N worst_p99_ms=N complete=true|false}.
 */
public class StreamClient {

    private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z_]+)\"");
    private static final Pattern CONTENT = Pattern.compile("\"content\":\"([^\"]*)\"");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]*)\"");

    /** One watcher: its lags in milliseconds, one per token. */
    static final class Watcher implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final CountDownLatch synced = new CountDownLatch(1);
        private final CountDownLatch completed;
        private long[] lags = new long[1 << 16];
        /** Per message: from the oldest token it carries to the server's timestamp, and from that to here. */
        private long[] inServer = new long[1 << 12];

        private long[] onTheWay = new long[1 << 12];
        private int tokens;
        private int messages;
        private int malformed;

        Watcher(int runs) {
            completed = new CountDownLatch(runs);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long receivedMillis = System.currentTimeMillis();
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                handle(message, receivedMillis);
            }
            socket.request(1);
            return null;
        }

        private synchronized void handle(String message, long receivedMillis) {
            Matcher type = TYPE.matcher(message);
            if (!type.find()) {
                return;
            }
            switch (type.group(1)) {
                case "state_sync" -> synced.countDown();
                case "stream_complete" -> completed.countDown();
                case "stream_token" -> {
                    Matcher content = CONTENT.matcher(message);
                    Matcher timestamp = TIMESTAMP.matcher(message);
                    if (!content.find() || !timestamp.find()) {
                        malformed++;
                        return;
                    }
                    if (messages == inServer.length) {
                        inServer = Arrays.copyOf(inServer, messages * 2);
                        onTheWay = Arrays.copyOf(onTheWay, messages * 2);
                    }
                    long sentMillis = Instant.parse(timestamp.group(1)).toEpochMilli();
                    String first = content.group(1).trim().split(" +")[0];
                    inServer[messages] = first.startsWith("t") ? sentMillis - Long.parseLong(first.substring(1)) : 0;
                    onTheWay[messages] = receivedMillis - sentMillis;
                    messages++;
                    for (String token : content.group(1).trim().split(" +")) {
                        if (token.length() < 2 || token.charAt(0) != 't') {
                            malformed++;
                            continue;
                        }
                        if (tokens == lags.length) {
                            lags = Arrays.copyOf(lags, tokens * 2);
                        }
                        lags[tokens++] = receivedMillis - Long.parseLong(token.substring(1));
                    }
                }
                default -> {}
            }
        }

        synchronized long[] sorted(long[] values, int count) {
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            return sorted;
        }

        synchronized long[] sortedLags() {
            long[] sorted = Arrays.copyOf(lags, tokens);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        long timeoutSeconds = Long.parseLong(args[3]);
        HttpClient http = HttpClient.newHttpClient();
        List<Watcher> watchers = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Watcher watcher = new Watcher(runs);
            watchers.add(watcher);
            sockets.add(http.newWebSocketBuilder().buildAsync(uri, watcher).get(30, TimeUnit.SECONDS));
        }
        for (Watcher watcher : watchers) {
            if (!watcher.synced.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("A client got no state_sync within 30 s");
            }
        }
        System.out.println("READY");
        System.out.flush();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        boolean complete = true;
        for (Watcher watcher : watchers) {
            long left = deadline - System.nanoTime();
            complete &= watcher.completed.await(Math.max(0, left), TimeUnit.NANOSECONDS);
        }
        List<long[]> all = new ArrayList<>();
        long worstP99 = 0;
        int totalTokens = 0;
        int totalMessages = 0;
        int malformed = 0;
        for (int i = 0; i < clients; i++) {
            Watcher watcher = watchers.get(i);
            long[] lags = watcher.sortedLags();
            all.add(lags);
            totalTokens += lags.length;
            totalMessages += watcher.messages;
            malformed += watcher.malformed;
            worstP99 = Math.max(worstP99, percentile(lags, 99));
            long[] inServer = watcher.sorted(watcher.inServer, watcher.messages);
            long[] onTheWay = watcher.sorted(watcher.onTheWay, watcher.messages);
            System.out.printf(
                    "client %d: tokens=%d messages=%d p50_ms=%d p99_ms=%d max_ms=%d"
                            + " oldest_token_to_message_p50_ms=%d p99_ms=%d message_to_client_p50_ms=%d p99_ms=%d%n",
                    i,
                    lags.length,
                    watcher.messages,
                    percentile(lags, 50),
                    percentile(lags, 99),
                    lags.length == 0 ? -1 : lags[lags.length - 1],
                    percentile(inServer, 50),
                    percentile(inServer, 99),
                    percentile(onTheWay, 50),
                    percentile(onTheWay, 99));
        }
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                "RESULT clients=%d tokens=%d messages=%d malformed=%d p50_ms=%d p99_ms=%d max_ms=%d worst_p99_ms=%d complete=%s%n",
                clients,
                totalTokens,
                totalMessages,
                malformed,
                percentile(merged, 50),
                percentile(merged, 99),
                merged.length == 0 ? -1 : merged[merged.length - 1],
                worstP99,
                complete);
        List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
        sockets.forEach(socket -> closing.add(socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")));
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    }
}
