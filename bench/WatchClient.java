import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket watcher for bench/cluster-bench.sh: watches one workflow on one server and counts the
 * workflow_completed messages it receives, so that the bench can tell how many of the runs
 * executed on the other server reached it through the database.
 *
 * <pre>
 *   java bench/WatchClient.java WS_URL SECONDS
 * </pre>
 *
 * Prints {@code READY} once connected, then, after SECONDS (or when its standard input closes),
 * {@code RESULT messages=N completed=N}.
 */
public class WatchClient {

    public static void main(String[] args) throws Exception {
        AtomicLong messages = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        StringBuilder partial = new StringBuilder();
        CountDownLatch closed = new CountDownLatch(1);
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(args[0]), new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                        // All the demand at once: asking for one message at a time made this client
                        // too slow for the server on a busy machine (closed with 1013).
                        webSocket.request(Long.MAX_VALUE);
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.incrementAndGet();
                            if (partial.indexOf("\"type\":\"workflow_completed\"") >= 0) {
                                completed.incrementAndGet();
                            }
                            partial.setLength(0);
                        }
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
                        System.out.println("CLOSED code=" + code + " reason=" + reason);
                        closed.countDown();
                        return null;
                    }
                })
                .join();
        System.out.println("READY");
        System.out.flush();
        closed.await(Long.parseLong(args[1]), TimeUnit.SECONDS);
        System.out.println("RESULT messages=" + messages.get() + " completed=" + completed.get());
        socket.abort();
        System.exit(0);
    }
}
