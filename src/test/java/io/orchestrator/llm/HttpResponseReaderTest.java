package io.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

    /** What the reader handed on. */
    private static final class Recorded implements HttpResponseReader.Body {
        final List<Integer> statuses = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void status(int status) {
            statuses.add(status);
        }

        @Override
        public void read(ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                body.write(bytes.get());
            }
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static final String CHUNKED = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "b\r\ndata: one\n\n\r\n"
            + "10;name=value\r\ndata: two three\n\r\n"
            + "1\r\n\n\r\n"
            + "0\r\nTrailer: x\r\n\r\n";

    @Test
    void aChunkedAnswerIsDecodedWhereverItsBytesAreSplit() throws ProtocolException {
        byte[] bytes = CHUNKED.getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= bytes.length; split++) {
            Recorded recorded = new Recorded();
            HttpResponseReader reader = new HttpResponseReader(recorded);
            boolean doneEarly = reader.read(ByteBuffer.wrap(bytes, 0, split));
            boolean done = reader.read(ByteBuffer.wrap(bytes, split, bytes.length - split));

            assertFalse(doneEarly && split < bytes.length, "complete after " + split + " bytes");
            assertTrue(done || doneEarly, "complete when split at " + split);
            assertEquals(List.of(200), recorded.statuses);
            assertEquals("data: one\n\ndata: two three\n\n", recorded.text(), "split at " + split);
        }
    }

    @Test
    void oneByteAtATimeToo() throws ProtocolException {
        Recorded recorded = new Recorded();
        HttpResponseReader reader = new HttpResponseReader(recorded);
        boolean done = false;
        for (byte b : CHUNKED.getBytes(StandardCharsets.US_ASCII)) {
            done = reader.read(ByteBuffer.wrap(new byte[] {b}));
        }
        assertTrue(done);
        assertEquals("data: one\n\ndata: two three\n\n", recorded.text());
    }

    @Test
    void aContentLengthEndsTheAnswerAndLeavesWhatFollows() throws ProtocolException {
        Recorded recorded = new Recorded();
        ByteBuffer bytes = ascii("HTTP/1.1 401 Unauthorized\r\nContent-Length: 5\r\n\r\nhelloEXTRA");

        assertTrue(new HttpResponseReader(recorded).read(bytes));
        assertEquals(List.of(401), recorded.statuses);
        assertEquals("hello", recorded.text());
        assertEquals(5, bytes.remaining(), "the bytes after the body are not read");
    }

    @Test
    void withoutLengthOrChunksTheBodyRunsUntilTheConnectionCloses() throws ProtocolException {
        Recorded recorded = new Recorded();
        HttpResponseReader reader = new HttpResponseReader(recorded);

        assertFalse(reader.read(ascii("HTTP/1.0 200 OK\nContent-Type: text/event-stream\n\ndata: a\n\n")));
        assertTrue(reader.closed());
        assertEquals("data: a\n\n", recorded.text());
    }

    @Test
    void interimAnswersAreSkipped() throws ProtocolException {
        Recorded recorded = new Recorded();
        assertTrue(new HttpResponseReader(recorded)
                .read(ascii("HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")));
        assertEquals(List.of(204), recorded.statuses);
    }

    @Test
    void aCutAnswerIsAFailureOnClose() throws ProtocolException {
        HttpResponseReader silent = new HttpResponseReader(new Recorded());
        assertEquals(
                "the server closed the connection without answering",
                assertThrows(ProtocolException.class, silent::closed).getMessage());

        HttpResponseReader cut = new HttpResponseReader(new Recorded());
        cut.read(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort"));
        assertEquals(
                "the server closed the connection before the end of its answer",
                assertThrows(ProtocolException.class, cut::closed).getMessage());
    }

    @Test
    void whatIsNotHttpIsRefusedWithWhatWasSeen() {
        assertEquals(
                "the server did not answer in HTTP/1.x: 'SSH-2.0-OpenSSH_9.2'", refused("SSH-2.0-OpenSSH_9.2\r\n"));
        assertEquals(
                "a chunk size of the answer is not a hexadecimal number: 'zz'",
                refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
        assertEquals(
                "the answer's Content-Length is not a length: '-3'",
                refused("HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n"));
        assertEquals(
                "a chunk of the answer is longer than its size says",
                refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n"));
        assertEquals("a header line of the answer has no name: 'no colon'", refused("HTTP/1.1 200 OK\r\nno colon\r\n"));
    }

    @Test
    void anEndlessHeadIsRefusedAtItsLimit() {
        String header = "X-Filler: " + "a".repeat(1000) + "\r\n";
        String head = "HTTP/1.1 200 OK\r\n" + header.repeat(HttpResponseReader.MAX_HEAD_BYTES / header.length() + 1);
        assertEquals("the answer's headers are larger than 65536 bytes", refused(head));
    }

    private static String refused(String answer) {
        return assertThrows(ProtocolException.class, () -> new HttpResponseReader(new Recorded()).read(ascii(answer)))
                .getMessage();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
