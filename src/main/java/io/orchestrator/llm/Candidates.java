package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import jakarta.json.JsonArrayBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Which models an llm node asks, and what it keeps. Without a candidate count the models are tried
 * in order and the first answer is the one candidate (fallback); with a count, every model is asked
 * for that many, the models at once (each on its own thread, its candidates one after the other,
 * as a local server answers one request at a time anyway), and a model that fails is left out when
 * another answered. Cache lookups and stores stay on the caller's thread, which holds the
 * transaction context; only the model calls run elsewhere.
 */
public final class Candidates {

    /** One candidate asked of one model: its number among that model's candidates (the cache key's index). */
    public record Ask(ModelChoice choice, int indexInModel) {}

    /** A candidate that answered, from its model or from the cache. */
    public record Answered(Ask ask, ModelAnswer answer, boolean cached) {}

    /** What a model that did not answer said. */
    public record Failed(ModelChoice choice, ModelFailure failure) {}

    /** Where answers come from. */
    public interface Source {

        /** A cached answer for the ask, if any (on the caller's thread). */
        Optional<ModelAnswer> cached(Ask ask);

        /** Asks the model (on any thread); the failure's message names the connection and the model. */
        ModelAnswer call(Ask ask) throws ModelFailure;

        /** A model answered (on the caller's thread): for the cache. */
        void answered(Ask ask, ModelAnswer answer);
    }

    /** No model answered: every model's reason, in the order the models are listed. */
    public static final class NoAnswer extends Exception {

        private final List<Failed> failures;

        NoAnswer(List<Failed> failures) {
            super(message(failures), null, false, false);
            this.failures = List.copyOf(failures);
        }

        public List<Failed> failures() {
            return failures;
        }

        /** The node's failure: every model's reason; the error type of the first (all of one kind most often). */
        NodeFailure asNodeFailure() {
            JsonArrayBuilder reasons = JSON.createArrayBuilder();
            for (Failed failed : failures) {
                reasons.add(JSON.createObjectBuilder()
                        .add("connection", failed.choice().connection())
                        .add("model", failed.choice().model())
                        .add("error", failed.failure().getMessage())
                        .add("error_type", failed.failure().errorType().wireName()));
            }
            ErrorType type = failures.isEmpty()
                    ? ErrorType.VALIDATION
                    : failures.get(0).failure().errorType();
            return new NodeFailure(
                    type,
                    getMessage(),
                    JSON.createObjectBuilder().add("failures", reasons).build(),
                    null);
        }

        private static String message(List<Failed> failures) {
            if (failures.isEmpty()) {
                return "No model is listed.";
            }
            List<String> reasons = new ArrayList<>();
            failures.forEach(failed -> reasons.add(failed.failure().getMessage()));
            return (failures.size() == 1 ? "The model failed: " : "Every model failed: ") + String.join("; ", reasons);
        }
    }

    private Candidates() {}

    /** The first model that answers gives the one candidate. */
    public static List<Answered> firstAnswer(List<ModelChoice> models, Source source) throws NoAnswer {
        List<Failed> failures = new ArrayList<>();
        for (ModelChoice choice : models) {
            Ask ask = new Ask(choice, 0);
            Optional<ModelAnswer> cached = source.cached(ask);
            if (cached.isPresent()) {
                return List.of(new Answered(ask, cached.get(), true));
            }
            try {
                ModelAnswer answer = source.call(ask);
                source.answered(ask, answer);
                return List.of(new Answered(ask, answer, false));
            } catch (ModelFailure failure) {
                failures.add(new Failed(choice, failure));
                if (failure.errorType() == ErrorType.CANCELLED) {
                    break;
                }
            }
        }
        throw new NoAnswer(failures);
    }

    /**
     * Every model gives {@code perModel} candidates, in the order of the models and then of their
     * candidates. A model stops at its first failure (the rest of its candidates would fail alike).
     */
    public static List<Answered> each(List<ModelChoice> models, int perModel, Source source, ExecutorService threads)
            throws NoAnswer {
        Map<Ask, ModelAnswer> fromCache = new LinkedHashMap<>();
        Map<ModelChoice, List<Ask>> toCall = new LinkedHashMap<>();
        for (ModelChoice choice : models) {
            for (int index = 0; index < perModel; index++) {
                Ask ask = new Ask(choice, index);
                Optional<ModelAnswer> cached = source.cached(ask);
                if (cached.isPresent()) {
                    fromCache.put(ask, cached.get());
                } else {
                    toCall.computeIfAbsent(choice, key -> new ArrayList<>()).add(ask);
                }
            }
        }
        List<ModelCalls> calls = new ArrayList<>();
        toCall.forEach((choice, asks) -> calls.add(new ModelCalls(choice, asks, source)));
        List<Future<?>> running = new ArrayList<>();
        calls.forEach(call -> running.add(threads.submit(call)));
        awaitAll(running);
        Map<Ask, ModelAnswer> called = new LinkedHashMap<>();
        List<Failed> failures = new ArrayList<>();
        for (ModelCalls call : calls) {
            call.answers.forEach((ask, answer) -> {
                source.answered(ask, answer);
                called.put(ask, answer);
            });
            if (call.failure != null) {
                failures.add(new Failed(call.choice, call.failure));
            }
        }
        List<Answered> answered = new ArrayList<>();
        for (ModelChoice choice : models) {
            for (int index = 0; index < perModel; index++) {
                Ask ask = new Ask(choice, index);
                if (fromCache.containsKey(ask)) {
                    answered.add(new Answered(ask, fromCache.get(ask), true));
                } else if (called.containsKey(ask)) {
                    answered.add(new Answered(ask, called.get(ask), false));
                }
            }
        }
        if (answered.isEmpty()) {
            throw new NoAnswer(failures);
        }
        return answered;
    }

    /** Waits for every model; an interrupted caller cancels (interrupts) the calls still under way. */
    private static void awaitAll(List<Future<?>> running) throws NoAnswer {
        try {
            for (Future<?> call : running) {
                call.get();
            }
        } catch (InterruptedException interrupted) {
            running.forEach(call -> call.cancel(true));
            Thread.currentThread().interrupt();
            throw new NoAnswer(List.of(new Failed(
                    new ModelChoice("", ""), new ModelFailure(ErrorType.CANCELLED, "the node was stopped"))));
        } catch (ExecutionException | CancellationException defect) {
            running.forEach(call -> call.cancel(true));
            throw new IllegalStateException("A model call failed unexpectedly", defect);
        }
    }

    /** One model's candidates, asked one after the other on one thread. */
    private static final class ModelCalls implements Runnable {

        private final ModelChoice choice;
        private final List<Ask> asks;
        private final Source source;
        private final Map<Ask, ModelAnswer> answers = new LinkedHashMap<>();
        private ModelFailure failure;

        ModelCalls(ModelChoice choice, List<Ask> asks, Source source) {
            this.choice = choice;
            this.asks = asks;
            this.source = source;
        }

        @Override
        public void run() {
            for (Ask ask : asks) {
                try {
                    answers.put(ask, source.call(ask));
                } catch (ModelFailure failed) {
                    failure = failed;
                    return;
                }
            }
        }
    }
}
