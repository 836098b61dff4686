package io.orchestrator.nodes.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory up to a limit, and gives up (closing the stream) as soon as
 * more arrives: a node's output is held in memory and stored. The announced Content-Length is not
 * trusted either way (a HEAD response announces a body it does not carry).
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body went over the limit. */
    static final class TooLarge extends IOException {

        TooLarge(long limit) {
            super("The response body is larger than " + limit + " bytes.");
        }
    }

    private final long limit;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private LimitedBody(long limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> new LimitedBody(limit);
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        subscription = given;
        given.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (result.isDone()) {
                return;
            }
            if (received.size() + (long) buffer.remaining() > limit) {
                giveUp();
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            received.writeBytes(chunk);
        }
    }

    private void giveUp() {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(limit));
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(received.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
