package io.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The https path's reader, fed as the JDK's client feeds it. */
class SseBodySubscriberTest {

    private final List<SseEvent> events = new ArrayList<>();
    private int requested;
    private boolean cancelled;
    private final Flow.Subscription subscription = new Flow.Subscription() {
        @Override
        public void request(long n) {
            requested += (int) n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    };

    @Test
    void eventsSplitAcrossBuffersArriveWholeAndTheLastOneWithoutItsBlankLineToo() throws Exception {
        SseBodySubscriber sse = new SseBodySubscriber(events::add, 1 << 20);
        sse.onSubscribe(subscription);
        sse.onNext(List.of(utf8("data: o"), utf8("ne\r\n\r\nevent: end\r")));
        sse.onNext(List.of(utf8("\ndata: two")));
        sse.onComplete();

        sse.getBody().toCompletableFuture().get();
        assertEquals(List.of(new SseEvent("message", "one"), new SseEvent("end", "two")), events);
        assertEquals(3, requested, "one more buffer list asked for after each");
    }

    @Test
    void pastItsLimitTheStreamIsCancelledAndFailsAsTooLarge() {
        SseBodySubscriber sse = new SseBodySubscriber(events::add, 10);
        sse.onSubscribe(subscription);
        sse.onNext(List.of(utf8("data: 0123456789\n\n")));

        assertTrue(cancelled);
        assertInstanceOf(SseLines.TooLarge.class, sse.failure());
        ExecutionException failed = assertThrows(
                ExecutionException.class,
                () -> sse.getBody().toCompletableFuture().get());
        assertInstanceOf(SseLines.TooLarge.class, failed.getCause());
        assertEquals(List.of(), events);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
