package io.orchestrator.llm;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads a server-sent event stream as the HTTP client delivers it: lines are split and events handed
 * on in the client's own delivering thread, so a token costs no hand-over to a waiting reader (with
 * fifty streams at 100 tokens a second, those wake-ups were a large part of the server's CPU). The
 * caller waits for {@link #getBody()}.
 *
 * <p>Past {@code limitBytes} the stream is cancelled and fails with {@link TooLarge}: a model server
 * that streams without end would otherwise fill the heap, as a request's time limit covers only its
 * headers. A consumer that throws cancels the stream too, and its exception is the body's failure.
 */
final class SseBodySubscriber implements HttpResponse.BodySubscriber<Void> {

    /** The stream went past its limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limitBytes) {
            super("the streamed answer is larger than " + limitBytes + " bytes", null, false, false);
        }
    }

    private final SseEvent.Parser parser;
    private final long limitBytes;
    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private Flow.Subscription subscription;
    /** What this subscriber itself failed with (the limit, or the consumer's exception); set before the body fails. */
    private volatile RuntimeException failure;

    private long bytesRead;
    /** A '\r' ended the last line: a '\n' right after it belongs to that end. */
    private boolean afterCarriageReturn;

    SseBodySubscriber(Consumer<SseEvent> events, long limitBytes) {
        this.parser = new SseEvent.Parser(events);
        this.limitBytes = limitBytes;
    }

    @Override
    public CompletionStage<Void> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        try {
            for (ByteBuffer buffer : buffers) {
                bytesRead += buffer.remaining();
                if (bytesRead > limitBytes) {
                    throw new TooLarge(limitBytes);
                }
                read(buffer);
            }
        } catch (RuntimeException failed) {
            failure = failed;
            subscription.cancel();
            body.completeExceptionally(failed);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        if (body.isDone()) {
            return;
        }
        try {
            if (line.size() > 0) {
                endLine();
            }
            parser.finish();
            body.complete(null);
        } catch (RuntimeException failed) {
            failure = failed;
            body.completeExceptionally(failed);
        }
    }

    /** The failure this subscriber caused, if any: the caller reports it instead of the client's wrapping. */
    RuntimeException failure() {
        return failure;
    }

    /** Splits at '\n', '\r' and "\r\n" (the event stream's line ends); neither byte occurs inside a UTF-8 character. */
    private void read(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                continue;
            }
            afterCarriageReturn = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
            } else {
                line.write(b);
            }
        }
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        parser.accept(text);
    }
}
