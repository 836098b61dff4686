package io.orchestrator.llm;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads a server-sent event stream as the HTTP client delivers it: lines are split and events handed
 * on in the client's own delivering thread, so a token costs no hand-over to a waiting reader (with
 * fifty streams at 100 tokens a second, those wake-ups were a large part of the server's CPU). The
 * caller waits for {@link #getBody()}. Used for https; plain http streams go through
 * {@link PlainEventStreams}, which costs a fifth of this in CPU.
 *
 * <p>Past {@code limitBytes} the stream is cancelled and fails with {@link SseLines.TooLarge}. A
 * consumer that throws cancels the stream too, and its exception is the body's failure.
 */
final class SseBodySubscriber implements HttpResponse.BodySubscriber<Void> {

    private final SseLines lines;
    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    /** What this subscriber itself failed with (the limit, or the consumer's exception); set before the body fails. */
    private volatile RuntimeException failure;

    SseBodySubscriber(Consumer<SseEvent> events, long limitBytes) {
        this.lines = new SseLines(events, limitBytes);
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
                lines.read(buffer);
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
            lines.finish();
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
}
