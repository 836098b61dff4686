package io.orchestrator.nodes.human;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

class HumanAnswersTest {

    private static final String CANDIDATES =
            "[{'index': 0, 'id': '0', 'text': 'alpha'}, {'index': 1, 'id': 'c-1', 'text': 'beta'},"
                    + " {'index': 2, 'id': '2', 'text': 'gamma'}]";

    /** A merge whose model is down: what the person is told comes from it. */
    private final HumanAnswers answers = new HumanAnswers((connection, model, instruction, texts) -> {
        throw new ModelMerge.MergeUnavailable("The merge failed: model '" + model + "' answered 503");
    });

    @Test
    void aSelectionByIndexGivesTheCandidateAndItsTextOnTheDefaultRoute() {
        HumanAnswer answer = answers.check(
                request("select_one", false, false, "'join'"), object("{'action': 'select', 'selected': [1]}"));

        assertEquals("default", answer.route());
        assertEquals(
                object("{'action': 'select', 'selected': [{'index': 1, 'id': 'c-1', 'text': 'beta'}],"
                        + " 'text': 'beta', 'feedback': null}"),
                answer.output());
    }

    @Test
    void severalSelectionsByIdOrIndexAreJoined() {
        HumanAnswer answer = answers.check(
                request("select_many", false, false, "'join'"), object("{'action': 'select', 'selected': ['c-1', 2]}"));

        assertEquals("beta\n\ngamma", answer.output().getString("text"));
        assertEquals(2, answer.output().getJsonArray("selected").size());
    }

    @Test
    void anEditReplacesTheTextWhenAllowed() {
        HumanAnswer answer = answers.check(
                request("select_one", true, false, "'join'"),
                object("{'action': 'select', 'selected': [0], 'text': 'alpha, better'}"));

        assertEquals("alpha, better", answer.output().getString("text"));
    }

    @Test
    void aRejectTakesTheRejectedRouteAndARegenerateCarriesItsFeedback() {
        assertEquals(
                "rejected",
                answers.check(request("approve", false, false, "'join'"), object("{'action': 'reject'}"))
                        .route());
        HumanAnswer regenerate = answers.check(
                request("select_one", false, true, "'join'"),
                object("{'action': 'regenerate', 'feedback': 'shorter'}"));
        assertTrue(regenerate.regenerates());
        assertEquals("shorter", regenerate.feedback());
        assertEquals("shorter", regenerate.output().getString("feedback"));
    }

    @Test
    void badAnswersAre422WithAMessagePerField() {
        JsonObject selectOne = request("select_one", false, false, "'join'");
        assertRefused(selectOne, "{'action': 'dance'}", "action");
        assertRefused(selectOne, "{}", "action");
        assertRefused(selectOne, "{'action': 'select', 'selected': [3]}", "selected");
        assertRefused(selectOne, "{'action': 'select', 'selected': [-1]}", "selected");
        assertRefused(selectOne, "{'action': 'select', 'selected': ['nope']}", "selected");
        assertRefused(selectOne, "{'action': 'select', 'selected': [0, 1]}", "selected");
        assertRefused(selectOne, "{'action': 'select', 'selected': []}", "selected");
        assertRefused(selectOne, "{'action': 'select', 'selected': [0], 'text': 'mine'}", "text");
        assertRefused(selectOne, "{'action': 'select', 'selected': [0], 'feedback': 'meh'}", "feedback");
        assertRefused(selectOne, "{'action': 'regenerate', 'feedback': 'meh'}", "feedback");
        assertRefused(selectOne, "{'action': 'select', 'selected': [0], 'text': 5}", "text");
        assertRefused(request("select_one", false, true, "'join'"), "{'action': 'regenerate'}", "feedback");
        assertRefused(request("approve", false, false, "'join'"), "{'action': 'select', 'selected': [0]}", "action");
        assertRefused(
                request("select_many", false, false, "'join'"),
                "{'action': 'select', 'selected': [1, 'c-1']}",
                "selected");
    }

    @Test
    void aModelMergeIsMadeForTheRunsWorkflowSoThatOnlyItsWorkspacesConnectionsServe() {
        java.util.List<String> askedFor = new java.util.ArrayList<>();
        HumanAnswers scoped = new HumanAnswers(new ModelMerge() {
            @Override
            public String merge(String connection, String model, String instruction, java.util.List<String> texts) {
                throw new AssertionError("a run's merge names its workflow");
            }

            @Override
            public String mergeFor(
                    String workflowId,
                    String connection,
                    String model,
                    String instruction,
                    java.util.List<String> texts) {
                askedFor.add(workflowId + "/" + connection);
                return String.join(" + ", texts);
            }
        });

        HumanAnswer answer = scoped.check(
                "wf-1",
                request("select_many", false, false, "{'connection': 'c', 'model': 'm'}"),
                object("{'action': 'select', 'selected': [0, 1]}"));

        assertEquals(java.util.List.of("wf-1/c"), askedFor);
        assertEquals("alpha + beta", answer.output().getString("text"));
    }

    @Test
    void aModelMergeThatFailsIsRefusedWithTheModelsReason() {
        ApiException refused = assertThrows(
                ApiException.class,
                () -> answers.check(
                        request("select_many", false, false, "{'connection': 'c', 'model': 'm'}"),
                        object("{'action': 'select', 'selected': [0, 1]}")));

        assertEquals(ErrorCode.VALIDATION_ERROR, refused.code());
        assertTrue(
                ((JsonString) refused.details().getJsonArray("merge").get(0))
                        .getString()
                        .contains("model 'm' answered 503"),
                refused.details().toString());
    }

    private void assertRefused(JsonObject request, String answer, String field) {
        ApiException refused = assertThrows(ApiException.class, () -> answers.check(request, object(answer)), answer);
        assertEquals(ErrorCode.VALIDATION_ERROR, refused.code(), answer);
        assertTrue(refused.details().containsKey(field), answer + " -> " + refused.details());
    }

    private static JsonObject request(String mode, boolean allowEdit, boolean allowFeedback, String merge) {
        return object("{'prompt': 'Pick', 'candidates': " + CANDIDATES + ", 'mode': '" + mode + "', 'allow_edit': "
                + allowEdit + ", 'allow_feedback': " + allowFeedback + ", 'merge': " + merge + "}");
    }
}
