package io.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.nodes.ErrorType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Which models are asked and which candidates are kept, with answers made up on the spot. */
class CandidatesTest {

    private static final ExecutorService THREADS = Executors.newFixedThreadPool(3);
    private static final ModelChoice A = new ModelChoice("c1", "a");
    private static final ModelChoice B = new ModelChoice("c1", "b");
    private static final ModelChoice C = new ModelChoice("c2", "c");

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
    }

    /** Answers "model#index"; fails the models listed; answers from "cache" those listed. */
    private static final class Scripted implements Candidates.Source {
        final Set<ModelChoice> failing;
        final Set<ModelChoice> cachedModels;
        final List<Candidates.Ask> called = Collections.synchronizedList(new ArrayList<>());
        final List<Candidates.Ask> stored = new ArrayList<>();

        Scripted(Set<ModelChoice> failing, Set<ModelChoice> cachedModels) {
            this.failing = failing;
            this.cachedModels = cachedModels;
        }

        @Override
        public Optional<ModelAnswer> cached(Candidates.Ask ask) {
            return cachedModels.contains(ask.choice()) ? Optional.of(answer(ask)) : Optional.empty();
        }

        @Override
        public ModelAnswer call(Candidates.Ask ask) throws ModelFailure {
            called.add(ask);
            if (failing.contains(ask.choice())) {
                throw new ModelFailure(ErrorType.HTTP, ask.choice().model() + " is down");
            }
            return answer(ask);
        }

        @Override
        public void answered(Candidates.Ask ask, ModelAnswer answer) {
            stored.add(ask);
        }

        private static ModelAnswer answer(Candidates.Ask ask) {
            return new ModelAnswer(ask.choice().model() + "#" + ask.indexInModel(), "stop", 1, 1, "{}", 5);
        }
    }

    private static List<String> texts(List<Candidates.Answered> answered) {
        return answered.stream().map(candidate -> candidate.answer().text()).toList();
    }

    @Test
    void fallbackStopsAtTheFirstModelThatAnswers() throws Exception {
        Scripted source = new Scripted(Set.of(A), Set.of());

        List<Candidates.Answered> answered = Candidates.firstAnswer(List.of(A, B, C), source);

        assertEquals(List.of("b#0"), texts(answered));
        assertEquals(2, source.called.size());
        assertEquals(1, source.stored.size());
    }

    @Test
    void fallbackTakesACachedAnswerWithoutCalling() throws Exception {
        Scripted source = new Scripted(Set.of(), Set.of(A));

        List<Candidates.Answered> answered = Candidates.firstAnswer(List.of(A, B), source);

        assertTrue(answered.get(0).cached());
        assertTrue(source.called.isEmpty());
    }

    @Test
    void candidatesComeInTheOrderOfModelsThenIndexesWithFailuresLeftOut() throws Exception {
        Scripted source = new Scripted(Set.of(B), Set.of(C));

        List<Candidates.Answered> answered = Candidates.each(List.of(A, B, C), 2, source, THREADS);

        assertEquals(List.of("a#0", "a#1", "c#0", "c#1"), texts(answered));
        assertEquals(
                List.of(false, false, true, true),
                answered.stream().map(Candidates.Answered::cached).toList());
        assertEquals(2, source.stored.size());
        assertEquals(
                1, source.called.stream().filter(ask -> ask.choice().equals(B)).count());
    }

    @Test
    void noAnswerCarriesEveryModelsReasonInOrder() {
        Scripted source = new Scripted(Set.of(A, B), Set.of());

        Candidates.NoAnswer none =
                assertThrows(Candidates.NoAnswer.class, () -> Candidates.each(List.of(A, B), 3, source, THREADS));

        assertEquals("Every model failed: a is down; b is down", none.getMessage());
        assertEquals(
                List.of(A, B),
                none.failures().stream().map(Candidates.Failed::choice).toList());
    }
}
