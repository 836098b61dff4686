package io.orchestrator.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a client's queue joins the pieces of a candidate's stream that it has not sent yet. */
class UnsentTokensTest {

    private static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");

    private static StreamedTokens piece(int candidate, String content) {
        return new StreamedTokens("wf", "task-1", "node-1", candidate, "m" + candidate, content, AT);
    }

    @Test
    void piecesThatArriveBeforeTheirStreamsTurnJoinItsEntryInOrder() {
        FakeClient client = new FakeClient(10);
        assertTrue(client.queue.offerTokens(piece(0, "Hel")));
        assertTrue(client.queue.offerTokens(piece(1, "Bon")));
        assertTrue(client.queue.offerTokens(piece(0, "lo")));
        assertTrue(client.queue.offerTokens(piece(1, "jour")));
        assertTrue(client.queue.offerTokens(piece(0, "!")));
        client.runTasks();

        assertEquals(
                List.of("0:Hello!", "1:Bonjour"),
                sent(client),
                "one message a stream, in the order the streams started");
    }

    @Test
    void onceTheDrainHasTakenAnEntryTheNextPieceStartsANewMessage() {
        FakeClient client = new FakeClient(10);
        client.duringSend = () -> client.queue.offerTokens(piece(0, " world"));
        client.queue.offerTokens(piece(0, "Hello"));
        client.runTasks();

        assertEquals(List.of("0:Hello", "0: world"), sent(client));
    }

    @Test
    void aStreamAloneNeverFillsTheQueueOfAClientThatIsBehind() {
        FakeClient client = new FakeClient(2);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            assertTrue(client.queue.offerTokens(piece(0, "t" + i + " ")), "piece " + i);
            expected.append("t").append(i).append(' ');
        }
        client.runTasks();

        assertEquals(List.of("0:" + expected), sent(client));
        assertNull(client.closeCode, "not dropped");
    }

    @Test
    void aClientThatLetsOneStreamPileUpPastTheLimitIsDropped() {
        FakeClient client = new FakeClient(10);
        String chunk = "x".repeat(1_000);
        int fits = ClientQueue.MAX_UNSENT_STREAM_CHARS / chunk.length();
        for (int i = 0; i < fits; i++) {
            assertTrue(client.queue.offerTokens(piece(0, chunk)), "piece " + i);
        }
        assertEquals(false, client.queue.offerTokens(piece(0, chunk)), "one more is too much");
        client.runTasks();

        assertEquals(List.of(), client.sent, "nothing of it is sent");
        assertEquals(ClientQueue.DROPPED_CODE, client.closeCode);
        assertEquals(ClientQueue.TOO_SLOW_REASON, client.closeReason);
    }

    @Test
    void aPieceSentOnItsOwnIsTheSameTextForEveryClient() {
        FakeClient first = new FakeClient(10);
        FakeClient second = new FakeClient(10);
        StreamedTokens shared = piece(0, "Hello");
        first.queue.offerTokens(shared);
        second.queue.offerTokens(shared);
        first.runTasks();
        second.runTasks();

        assertSame(first.sent.get(0), second.sent.get(0), "made once");
        JsonObject message = parse(first.sent.get(0));
        assertEquals("stream_token", message.getString("type"));
        assertEquals("task-1", message.getString("task_id"));
        assertEquals("node-1", message.getString("node_id"));
        assertEquals("m0", message.getString("model"));
        assertEquals(AT.toString(), message.getString("timestamp"));
    }

    @Test
    void aClosedClientTakesNoMorePieces() {
        FakeClient client = new FakeClient(10);
        client.queue.offerTokens(piece(0, "Hello"));
        client.queue.close();

        assertEquals(false, client.queue.offerTokens(piece(0, " world")));
        client.runTasks();
        assertEquals(List.of(), client.sent);
    }

    private static List<String> sent(FakeClient client) {
        return client.sent.stream()
                .map(UnsentTokensTest::parse)
                .map(message -> message.getInt("candidate") + ":" + message.getString("content"))
                .toList();
    }

    private static JsonObject parse(String text) {
        return Jsonp.JSON.createReader(new StringReader(text)).readObject();
    }
}
