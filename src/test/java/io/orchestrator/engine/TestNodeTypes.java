package io.orchestrator.engine;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeCall;
import io.orchestrator.nodes.NodeCategory;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.testing.JsonLiterals;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Node types whose behaviour a test controls; one fresh set per test. */
final class TestNodeTypes {

    private TestNodeTypes() {}

    abstract static class TestType implements NodeType {

        private final String key;
        /** Node names, one per execute call, in call order. */
        final List<String> calls = new CopyOnWriteArrayList<>();

        TestType(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public String displayName() {
            return key;
        }

        @Override
        public NodeCategory category() {
            return NodeCategory.ACTION;
        }

        @Override
        public String description() {
            return "A node type of the engine tests";
        }

        @Override
        public Form form() {
            return new Form();
        }

        @Override
        public final NodeOutcome execute(NodeCall call) throws NodeFailure {
            calls.add(call.nodeName());
            return run(call);
        }

        abstract NodeOutcome run(NodeCall call) throws NodeFailure;

        int callCount(String nodeName) {
            return (int) calls.stream().filter(nodeName::equals).count();
        }
    }

    /** Outputs its input, or its form value {@code output} when it has one. */
    static final class Echo extends TestType {
        Echo() {
            super("echo");
        }

        @Override
        NodeOutcome run(NodeCall call) {
            JsonValue output = call.formValues().get("output");
            return NodeOutcome.of(output != null ? output : call.input());
        }
    }

    /** Passes its input on along the route named in its form value {@code route}. */
    static final class Route extends TestType {
        Route() {
            super("route");
        }

        @Override
        NodeOutcome run(NodeCall call) throws NodeFailure {
            return NodeOutcome.routed(call.input(), ((JsonString) call.resolved("route")).getString());
        }
    }

    /** Fails its first {@code failures} calls, then outputs its input. */
    static final class Flaky extends TestType {
        private final int failures;
        final AtomicInteger attempts = new AtomicInteger();
        final List<Integer> attemptNumbers = new CopyOnWriteArrayList<>();

        Flaky(int failures) {
            super("flaky");
            this.failures = failures;
        }

        @Override
        NodeOutcome run(NodeCall call) throws NodeFailure {
            attemptNumbers.add(call.attempt());
            if (attempts.incrementAndGet() <= failures) {
                throw new NodeFailure(ErrorType.CONNECTION, "Failure " + attempts.get());
            }
            return NodeOutcome.of(call.input());
        }
    }

    /** Always fails, with details; with a latch set, only once the latch opened. */
    static final class Boom extends TestType {
        static final String DETAILS = "{'status': 503}";
        volatile CountDownLatch waitFor;

        Boom() {
            super("boom");
        }

        @Override
        NodeOutcome run(NodeCall call) throws NodeFailure {
            CountDownLatch latch = waitFor;
            try {
                if (latch != null && !latch.await(2, TimeUnit.SECONDS)) {
                    throw new NodeFailure(ErrorType.TIMEOUT, "The latch never opened.");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new NodeFailure(ErrorType.HTTP, "Boom!", JsonLiterals.object(DETAILS), null);
        }
    }

    /**
     * Sleeps its form value {@code ms} (10 s by default) and outputs its input; an interrupt fails
     * it. It counts how many run at once; with a rendezvous, each waits until all have arrived.
     */
    static final class Slow extends TestType {
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger maxActive = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final List<String> interruptedNodes = new CopyOnWriteArrayList<>();
        volatile CountDownLatch rendezvous;

        Slow() {
            super("slow");
        }

        @Override
        public boolean mayBlock() {
            return true;
        }

        @Override
        NodeOutcome run(NodeCall call) throws NodeFailure {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            started.countDown();
            try {
                CountDownLatch meet = rendezvous;
                if (meet != null) {
                    meet.countDown();
                    if (!meet.await(2, TimeUnit.SECONDS)) {
                        throw new NodeFailure(ErrorType.VALIDATION, "The other slow nodes never ran at the same time.");
                    }
                }
                JsonValue ms = call.formValues().get("ms");
                Thread.sleep(ms instanceof JsonNumber number ? number.longValue() : 10_000);
                return NodeOutcome.of(call.input());
            } catch (InterruptedException stopped) {
                interruptedNodes.add(call.nodeName());
                interrupted.countDown();
                throw new NodeFailure(ErrorType.INTERRUPTED, "Interrupted while sleeping");
            } finally {
                active.decrementAndGet();
            }
        }
    }

    /**
     * A defective type: by its form value {@code how}, throws, overflows its stack, computes for
     * {@code ms} without looking at interrupts, returns no outcome, or an outcome without output.
     */
    static final class Broken extends TestType {
        Broken() {
            super("broken");
        }

        @Override
        NodeOutcome run(NodeCall call) {
            return switch (call.formValues().getString("how")) {
                case "throws" -> throw new IllegalStateException("a bug in the node type");
                case "overflows" -> throw new StackOverflowError();
                case "computes" -> {
                    long until = System.nanoTime() + call.formValues().getInt("ms") * 1_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    yield NodeOutcome.of(call.input());
                }
                case "no-outcome" -> null;
                case "no-output" -> NodeOutcome.of(null);
                default -> NodeOutcome.routed(call.input(), null);
            };
        }
    }

    /** Pauses the run for an hour, with its input as output. */
    static final class Pause extends TestType {
        static final Duration PAUSE = Duration.ofHours(1);

        Pause() {
            super("pause");
        }

        @Override
        NodeOutcome run(NodeCall call) {
            return NodeOutcome.waitUntil(call.input(), Instant.now().plus(PAUSE));
        }
    }

    /**
     * Writes candidates, and writes them again when a person asks (regenerate): its output's one
     * candidate names the attempt and the feedback it got.
     */
    static final class Drafts extends TestType {
        final List<String> feedback = new CopyOnWriteArrayList<>();

        Drafts() {
            super("drafts");
        }

        @Override
        public boolean regeneratesWithFeedback() {
            return true;
        }

        @Override
        NodeOutcome run(NodeCall call) {
            feedback.add(String.valueOf(call.feedback()));
            return NodeOutcome.of(Jsonp.JSON
                    .createObjectBuilder()
                    .add(
                            "candidates",
                            Jsonp.JSON.createArrayBuilder().add("draft " + call.attempt() + " " + call.feedback()))
                    .build());
        }
    }
}
