package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.Traversal.NodeState;
import io.orchestrator.engine.Traversal.Progress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraversalTest {

    private GraphSnapshot graph;
    private Traversal traversal;

    private void use(TestGraph testGraph) {
        graph = testGraph.build();
        traversal = new Traversal(graph);
    }

    private Node node(String name) {
        return graph.nodeNamed(name);
    }

    private Progress start(String... names) {
        return traversal.start(List.of(names).stream().map(this::node).toList());
    }

    private Progress complete(String name, String route) {
        return traversal.complete(node(name), route);
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }

    private static void assertProgress(List<String> ready, List<String> skipped, Progress progress) {
        assertEquals(ready, names(progress.ready()), "ready");
        assertEquals(skipped, names(progress.skipped()), "skipped");
    }

    /** Trigger → Condition; true → Yes, false → No; both → Join → After. */
    private void useBranchAndJoin() {
        use(new TestGraph()
                .node("Trigger", "echo")
                .node("Condition", "route")
                .node("Yes", "echo")
                .node("No", "echo")
                .node("Join", "echo")
                .node("After", "echo")
                .edge("Trigger", "Condition")
                .edge("Condition", "true", "Yes")
                .edge("Condition", "false", "No")
                .edge("Yes", "Join")
                .edge("No", "Join")
                .edge("Join", "After"));
    }

    @Test
    void aLinearChainRunsOneNodeAfterTheOther() {
        use(new TestGraph()
                .node("A", "echo")
                .node("B", "echo")
                .node("C", "echo")
                .edge("A", "B")
                .edge("B", "C"));

        assertProgress(List.of("A"), List.of(), start("A"));
        assertEquals(NodeState.WAITING_FOR_INPUTS, traversal.state(node("B")));
        assertProgress(List.of("B"), List.of(), complete("A", "default"));
        assertProgress(List.of("C"), List.of(), complete("B", "default"));
        assertFalse(traversal.finished());
        assertProgress(List.of(), List.of(), complete("C", "default"));
        assertTrue(traversal.finished());
        assertEquals(
                List.of(NodeState.DONE, NodeState.DONE, NodeState.DONE),
                graph.nodes().stream().map(traversal::state).toList());
    }

    @Test
    void theTrueBranchRunsTheJoinWithOnlyItsInput() {
        useBranchAndJoin();
        start("Trigger");
        complete("Trigger", "default");

        assertProgress(List.of("Yes"), List.of("No"), complete("Condition", "true"));
        assertEquals(NodeState.SKIPPED, traversal.state(node("No")));
        assertEquals(NodeState.WAITING_FOR_INPUTS, traversal.state(node("Join")));
        assertProgress(List.of("Join"), List.of(), complete("Yes", "default"));
        assertEquals(List.of("Yes"), names(traversal.takenSources(node("Join"))));
        assertProgress(List.of("After"), List.of(), complete("Join", "default"));
        complete("After", "default");
        assertTrue(traversal.finished());
    }

    @Test
    void theFalseBranchRunsTheJoinWithOnlyItsInput() {
        useBranchAndJoin();
        start("Trigger");
        complete("Trigger", "default");

        assertProgress(List.of("No"), List.of("Yes"), complete("Condition", "false"));
        assertProgress(List.of("Join"), List.of(), complete("No", "default"));
        assertEquals(List.of("No"), names(traversal.takenSources(node("Join"))));
    }

    @Test
    void aJoinWhoseInputsAreAllDeadIsSkippedWithItsDescendants() {
        use(new TestGraph()
                .node("Condition", "route")
                .node("Left", "echo")
                .node("Right", "echo")
                .node("Join", "echo")
                .node("After", "echo")
                .node("Last", "echo")
                .edge("Condition", "true", "Left")
                .edge("Condition", "true", "Right")
                .edge("Left", "Join")
                .edge("Right", "Join")
                .edge("Join", "After")
                .edge("After", "Last"));
        start("Condition");

        Progress progress = complete("Condition", "false");

        assertProgress(List.of(), List.of("Left", "Right", "Join", "After", "Last"), progress);
        assertTrue(traversal.finished());
        assertEquals(List.of(), traversal.unresolved());
    }

    @Test
    void parallelBranchesAreReadyTogether() {
        use(new TestGraph()
                .node("A", "echo")
                .node("B", "echo")
                .node("C", "echo")
                .node("Join", "echo")
                .edge("A", "B")
                .edge("A", "C")
                .edge("B", "Join")
                .edge("C", "Join"));
        start("A");

        assertProgress(List.of("B", "C"), List.of(), complete("A", "default"));
        assertProgress(List.of(), List.of(), complete("C", "default"));
        assertEquals(NodeState.WAITING_FOR_INPUTS, traversal.state(node("Join")));
        assertProgress(List.of("Join"), List.of(), complete("B", "default"));
        assertEquals(List.of("B", "C"), names(traversal.takenSources(node("Join"))));
    }

    @Test
    void onlyTheGivenStartNodesRunAndOtherEntryNodesAreSkippedWithWhatOnlyTheyFeed() {
        use(new TestGraph()
                .node("Manual", "echo")
                .node("Webhook", "echo")
                .node("Schedule", "echo")
                .node("Alone", "echo")
                .node("FromWebhook", "echo")
                .node("FromManual", "echo")
                .node("Join", "echo")
                .edge("Webhook", "FromWebhook")
                .edge("Manual", "FromManual")
                .edge("FromWebhook", "Join")
                .edge("FromManual", "Join")
                .edge("Schedule", "Join"));

        assertEquals(List.of("Manual", "Webhook", "Schedule", "Alone"), names(traversal.entryNodes()));
        Progress progress = start("Manual", "Schedule");

        assertProgress(List.of("Manual", "Schedule"), List.of("Webhook", "FromWebhook", "Alone"), progress);
        complete("Schedule", "default");
        assertEquals(NodeState.WAITING_FOR_INPUTS, traversal.state(node("Join")));
        complete("Manual", "default");
        assertProgress(List.of("Join"), List.of(), complete("FromManual", "default"));
        assertEquals(List.of("FromManual", "Schedule"), names(traversal.takenSources(node("Join"))));
    }

    @Test
    void takenSourcesFollowTheEdgeOrderNotTheNodeOrder() {
        use(new TestGraph()
                .node("Start", "echo")
                .node("A", "echo")
                .node("B", "echo")
                .node("C", "echo")
                .node("Join", "echo")
                .edge("Start", "A")
                .edge("Start", "B")
                .edge("Start", "C")
                .edge("C", "Join")
                .edge("A", "Join")
                .edge("B", "Join"));
        start("Start");
        complete("Start", "default");
        complete("A", "default");
        complete("B", "default");
        complete("C", "default");

        assertEquals(List.of("C", "A", "B"), names(traversal.takenSources(node("Join"))));
    }

    @Test
    void takenSourcesLeaveOutDeadEdgesAndAreEmptyForAnEntryNode() {
        useBranchAndJoin();
        start("Trigger");
        assertEquals(List.of(), traversal.takenSources(node("Trigger")));
        complete("Trigger", "default");
        complete("Condition", "true");

        assertEquals(List.of("Condition"), names(traversal.takenSources(node("Yes"))));
        assertEquals(List.of(), traversal.takenSources(node("No")));
    }

    @Test
    void finishedOnlyOnceEveryNodeIsDoneOrSkipped() {
        useBranchAndJoin();
        start("Trigger");
        assertFalse(traversal.finished());
        complete("Trigger", "default");
        complete("Condition", "false");
        complete("No", "default");
        assertFalse(traversal.finished());
        assertEquals(NodeState.READY, traversal.state(node("Join")));
        assertEquals(List.of("Join", "After"), names(traversal.unresolved()), "ready nodes are unresolved too");
        complete("Join", "default");
        assertFalse(traversal.finished());
        complete("After", "default");
        assertTrue(traversal.finished());
    }

    @Test
    void completingANodeThatIsNotReadyFails() {
        useBranchAndJoin();
        start("Trigger");

        assertThrows(IllegalStateException.class, () -> complete("Condition", "true"), "waiting for inputs");
        complete("Trigger", "default");
        assertThrows(IllegalStateException.class, () -> complete("Trigger", "default"), "already done");
        complete("Condition", "true");
        assertThrows(IllegalStateException.class, () -> complete("No", "default"), "skipped");
        assertEquals(NodeState.SKIPPED, traversal.state(node("No")));
    }

    @Test
    void aDiamondWithOneDeadBranchRunsTheJoinOnce() {
        // Start → Direct → Join, and Start → Condition → (true) Maybe → Join; the dead branch resolves last.
        use(new TestGraph()
                .node("Start", "echo")
                .node("Direct", "echo")
                .node("Condition", "route")
                .node("Maybe", "echo")
                .node("Join", "echo")
                .edge("Start", "Direct")
                .edge("Start", "Condition")
                .edge("Condition", "true", "Maybe")
                .edge("Direct", "Join")
                .edge("Maybe", "Join"));
        start("Start");
        assertProgress(List.of("Direct", "Condition"), List.of(), complete("Start", "default"));

        Progress afterDirect = complete("Direct", "default");
        Progress afterCondition = complete("Condition", "false");

        assertProgress(List.of(), List.of(), afterDirect);
        assertProgress(List.of("Join"), List.of("Maybe"), afterCondition);
        assertEquals(List.of("Direct"), names(traversal.takenSources(node("Join"))));
        assertProgress(List.of(), List.of(), complete("Join", "default"));
        assertTrue(traversal.finished());
    }
}
