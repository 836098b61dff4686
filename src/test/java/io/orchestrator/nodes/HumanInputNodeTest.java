package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HumanInputNodeTest {

    private final HumanInputNode type = new HumanInputNode();

    @Test
    void asksWithTheCandidatesOfItsInputByDefaultAndWaitsWithoutEnd() throws NodeFailure {
        NodeOutcome outcome = TestNodeCall.of(
                        type,
                        "{'prompt': 'Pick the best of ${input.topic}', 'allow_feedback': true}",
                        "{'topic': 'cats', 'candidates': ['one', {'text': 'two', 'model': 'm'}]}")
                .run();

        assertTrue(outcome.awaitsAnswer());
        assertNull(outcome.wakeAt(), "no timeout_seconds: no deadline of its own");
        assertEquals("timeout", outcome.route());
        assertEquals(
                object("{'prompt': 'Pick the best of cats',"
                        + " 'candidates': [{'index': 0, 'id': '0', 'text': 'one'},"
                        + " {'text': 'two', 'model': 'm', 'index': 1, 'id': '1'}],"
                        + " 'mode': 'select_one', 'allow_edit': false, 'allow_feedback': true, 'merge': 'join'}"),
                outcome.output());
    }

    @Test
    void aTimeoutSetsTheDeadlineAndAnExpressionPicksTheCandidates() throws NodeFailure {
        Instant before = Instant.now();
        NodeOutcome outcome = TestNodeCall.of(
                        type,
                        "{'candidates': '${input.list}', 'mode': 'select_many', 'timeout_seconds': 30, 'merge': 'join'}",
                        "{'list': ['a', 'b']}")
                .run();

        JsonObject request = outcome.output().asJsonObject();
        assertEquals(2, request.getJsonArray("candidates").size());
        assertEquals("select_many", request.getString("mode"));
        assertTrue(
                !outcome.wakeAt().isBefore(before.plusSeconds(30)),
                outcome.wakeAt().toString());
    }

    @Test
    void aSelectionWithoutCandidatesOrWithCandidatesThatAreNoListFailsTheNode() {
        NodeFailure none = assertThrows(
                NodeFailure.class, () -> TestNodeCall.of(type, "{}", "{}").run());
        assertEquals(ErrorType.VALIDATION, none.errorType());
        NodeFailure notAList = assertThrows(
                NodeFailure.class,
                () -> TestNodeCall.of(type, "{}", "{'candidates': 'x'}").run());
        assertTrue(notAList.getMessage().contains("must be a list"), notAList.getMessage());
    }

    @Test
    void anApprovalNeedsNoCandidates() throws NodeFailure {
        NodeOutcome outcome = TestNodeCall.of(type, "{'mode': 'approve', 'prompt': 'Ship it?'}", "{}")
                .run();

        assertEquals(
                0, outcome.output().asJsonObject().getJsonArray("candidates").size());
    }

    @Test
    void offersItsThreeRoutesAndChecksItsMerge() {
        assertEquals(java.util.List.of("default", "rejected", "timeout"), type.routes(object("{}")));
        assertEquals(
                object("{}"), problems(type, "{'merge': {'connection': 'c', 'model': 'm', 'instruction': 'mix'}}"));
        assertEquals(
                reported("merge", "Must be \"join\" or an object {connection, model, instruction}."),
                problems(type, "{'merge': 'shuffle'}"));
    }
}
