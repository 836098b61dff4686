package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.expressions.ExpressionScope;
import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.NodeType;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Executes one attempt of a node on the calling thread and says how it ended. Every attempt has
 * its timeout: a node type that may block (a network call) is watched, and past its timeout its
 * thread is interrupted; a computing node looks at no interrupts (every input it computes with is
 * bounded instead), so its time is checked when it returns, which costs nothing per attempt where
 * a watch would cost a timer entry. Either way the attempt fails with {@code timeout}. Whatever a
 * node type throws, errors such as a stack overflow included, becomes a failed attempt: the run
 * goes on or fails, never stays started.
 */
final class AttemptRunner {

    private final Expressions expressions;
    private final ScheduledExecutorService timer;
    private final long defaultTimeoutMs;

    AttemptRunner(Expressions expressions, ScheduledExecutorService timer, long defaultTimeoutMs) {
        this.expressions = expressions;
        this.timer = timer;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /** How the attempt ended, or empty when the run had ended before it could start (it must not run then). */
    Optional<AttemptResult> run(LiveRun run, Attempt attempt, Optional<NodeType> type) {
        Node node = attempt.node();
        if (type.isEmpty()) {
            return Optional.of(new AttemptResult.Failed(new NodeFailure(
                    ErrorType.UNKNOWN_NODE_TYPE, "This server has no node type '" + node.type() + "'.")));
        }
        if (node.settings().disabled()) {
            return Optional.of(new AttemptResult.Succeeded(NodeOutcome.of(attempt.input())));
        }
        Optional<GraphSnapshot.Pin> pin = pinUsed(run, node);
        if (pin.isPresent()) {
            return Optional.of(new AttemptResult.Succeeded(
                    NodeOutcome.routed(pin.get().output(), pin.get().route())));
        }
        long timeoutMs = node.settings().timeoutMs() != null ? node.settings().timeoutMs() : defaultTimeoutMs;
        AttemptCall call = new AttemptCall(
                run.workflowId(),
                run.id(),
                node,
                attempt.number(),
                attempt.input(),
                node.formValues(),
                scope(run, attempt),
                run.state.session(),
                expressions,
                type.get().form(),
                timeoutMs);
        call.withFeedback(attempt.feedback());
        Thread current = Thread.currentThread();
        // Begun but handed to a worker that got to it only after the run ended (failed, stopped): it
        // must not run. Checked under the same lock as the registration, so that a stop either sees
        // this thread to interrupt or this attempt sees the stop.
        if (!run.executing(node, current)) {
            return Optional.empty();
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watch = type.get().mayBlock()
                ? timer.schedule(() -> run.timeOut(node, current, timedOut), timeoutMs, TimeUnit.MILLISECONDS)
                : null;
        long begun = System.nanoTime();
        AttemptResult result;
        try {
            result = new AttemptResult.Succeeded(checked(node, type.get().execute(call)));
        } catch (NodeFailure failed) {
            result = new AttemptResult.Failed(failed);
        } catch (Throwable defect) { // never an out-of-memory error: -XX:+ExitOnOutOfMemoryError ends the JVM first
            result = new AttemptResult.Failed(NodeFailure.unexpected(node.type(), defect));
        } finally {
            if (watch != null) {
                watch.cancel(false);
            } else if (System.nanoTime() - begun > TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
                timedOut.set(true);
            }
            run.executed(node);
            Thread.interrupted();
        }
        // The watch says whether it fired: measuring the time here raced with it (the clock started
        // after the timer, so an interrupted node could look a moment too quick).
        if (timedOut.get()
                && !(result instanceof AttemptResult.Failed failed
                        && "timeout".equals(failed.failure().errorType()))) {
            result = new AttemptResult.Failed(new NodeFailure(
                    ErrorType.TIMEOUT,
                    "Node '" + node.name() + "' took longer than its timeout of " + timeoutMs + " ms."));
        }
        return Optional.of(result);
    }

    /** A development run takes a pinned node's pinned output instead of executing it; other runs never do. */
    static Optional<GraphSnapshot.Pin> pinUsed(LiveRun run, Node node) {
        return run.development ? run.state.graph().pin(node) : Optional.empty();
    }

    private static NodeOutcome checked(Node node, NodeOutcome returned) throws NodeFailure {
        String missing = returned == null
                ? "no outcome"
                : returned.output() == null ? "no output" : returned.route() == null ? "no route" : null;
        if (missing != null) {
            throw new NodeFailure(ErrorType.INTERNAL, "Node type '" + node.type() + "' returned " + missing + ".");
        }
        return returned;
    }

    private static ExpressionScope scope(LiveRun run, Attempt attempt) {
        return new ExpressionScope(
                attempt.input(),
                run.state::outputNamed,
                run.runJson,
                run.state.session().variables(),
                run.workflowJson);
    }
}
