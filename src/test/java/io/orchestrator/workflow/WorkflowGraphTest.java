package io.orchestrator.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.FieldErrors;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowGraphTest {

    private final List<WorkflowGraph.Node> nodes = new ArrayList<>();
    private final List<WorkflowGraph.Edge> edges = new ArrayList<>();
    private final FieldErrors errors = new FieldErrors();

    /** A node whose id is its lower-cased name, with the default route only. */
    private void node(String name) {
        nodes.add(new WorkflowGraph.Node(name.toLowerCase(), name, false, List.of("default")));
    }

    private void nodes(String... names) {
        List.of(names).forEach(this::node);
    }

    private void node(String name, boolean trigger, String... routes) {
        nodes.add(new WorkflowGraph.Node(name.toLowerCase(), name, trigger, List.of(routes)));
    }

    private void edge(String source, String target) {
        edges.add(edgeBetween(source, target));
    }

    private static WorkflowGraph.Edge edgeBetween(String source, String target) {
        return new WorkflowGraph.Edge(null, source, "default", target, "default");
    }

    private WorkflowGraph graph() {
        return new WorkflowGraph(nodes, edges);
    }

    private boolean check(WorkflowGraph.Edge edge) {
        return graph().check(edge, errors);
    }

    /** The edge is refused with exactly this one message. */
    private void assertRefused(WorkflowGraph.Edge edge, String field, String message) {
        assertFalse(check(edge));
        assertEquals(messages(field, message), reported());
    }

    private JsonObject reported() {
        return errors.toJson();
    }

    private static JsonObject messages(String field, String... messages) {
        var list = Json.createArrayBuilder();
        List.of(messages).forEach(list::add);
        return Json.createObjectBuilder().add(field, list).build();
    }

    @Test
    void refusesAnUnknownSource() {
        node("A");
        assertRefused(edgeBetween("nope", "a"), "source", "No node with id nope in this workflow.");
    }

    @Test
    void refusesAnUnknownTarget() {
        node("A");
        assertRefused(edgeBetween("a", "nope"), "target", "No node with id nope in this workflow.");
    }

    @Test
    void reportsBothUnknownEndsAtOnce() {
        assertFalse(check(edgeBetween("x", "y")));
        assertEquals(List.of("source", "target"), List.copyOf(reported().keySet()));
    }

    @Test
    void refusesASelfLoop() {
        node("A");
        assertRefused(edgeBetween("a", "a"), "target", "An edge cannot connect a node to itself.");
    }

    @Test
    void refusesAnUnknownRouteAndListsTheRoutes() {
        node("Check", false, "true", "false");
        node("B");
        assertRefused(
                new WorkflowGraph.Edge(null, "check", "maybe", "b", "default"),
                "source_handle",
                "Node 'Check' has no route 'maybe'; its routes are: true, false.");
    }

    @Test
    void acceptsANamedRouteTheSourceHas() {
        node("Check", false, "true", "false");
        node("B");
        assertTrue(check(new WorkflowGraph.Edge(null, "check", "false", "b", "default")));
        assertTrue(errors.isEmpty());
    }

    @Test
    void refusesAnEdgeIntoATrigger() {
        node("A");
        node("Start", true, "default");
        assertRefused(
                edgeBetween("a", "start"),
                "target",
                "Node 'Start' is a trigger: a trigger starts a run and cannot have incoming edges.");
    }

    @Test
    void allowsAnEdgeOutOfATrigger() {
        node("Start", true, "default");
        node("A");
        assertTrue(check(edgeBetween("start", "a")));
    }

    @Test
    void refusesADuplicateEdge() {
        nodes("A", "B");
        edge("a", "b");
        assertRefused(
                new WorkflowGraph.Edge("other-id", "a", "default", "b", "default"),
                "edge",
                "This edge already exists.");
    }

    @Test
    void allowsASecondEdgeBetweenTheSameNodesFromAnotherRoute() {
        node("Check", false, "true", "false");
        node("B");
        edges.add(new WorkflowGraph.Edge(null, "check", "true", "b", "default"));
        assertTrue(check(new WorkflowGraph.Edge(null, "check", "false", "b", "default")));
    }

    @Test
    void refusesATargetHandleOtherThanDefault() {
        nodes("A", "B");
        assertRefused(
                new WorkflowGraph.Edge(null, "a", "default", "b", "input2"),
                "target_handle",
                "Nodes have one input handle, 'default'.");
    }

    @Test
    void refusesAnEdgeBackToTheSourceOfTheTarget() {
        nodes("A", "B");
        edge("a", "b");
        assertRefused(edgeBetween("b", "a"), "edge", "This edge would close a cycle: A → B → A.");
    }

    @Test
    void namesEveryNodeOfALongCycleInOrder() {
        nodes("A", "B", "C", "D", "E");
        edge("a", "b");
        edge("b", "c");
        edge("c", "d");
        edge("d", "e");
        assertRefused(edgeBetween("e", "b"), "edge", "This edge would close a cycle: B → C → D → E → B.");
    }

    @Test
    void acceptsAnEdgeThatJoinsTwoBranchesWithoutACycle() {
        nodes("A", "B", "C");
        edge("a", "b");
        edge("a", "c");
        assertTrue(check(edgeBetween("b", "c")));
    }

    /** A graph of A and B to which a → b was added the way the service adds it: check, then add. */
    private WorkflowGraph graphWithCheckedThenAddedEdge() {
        nodes("A", "B");
        WorkflowGraph graph = graph();
        WorkflowGraph.Edge ab = edgeBetween("a", "b");
        assertTrue(graph.check(ab, errors));
        graph.add(ab);
        return graph;
    }

    @Test
    void anEdgeAddedAfterItsCheckIsThenADuplicate() {
        WorkflowGraph graph = graphWithCheckedThenAddedEdge();
        assertFalse(graph.check(edgeBetween("a", "b"), errors));
        assertEquals(messages("edge", "This edge already exists."), reported());
    }

    @Test
    void anEdgeAddedAfterItsCheckCountsForCycles() {
        WorkflowGraph graph = graphWithCheckedThenAddedEdge();
        assertFalse(graph.check(edgeBetween("b", "a"), errors));
        assertEquals(messages("edge", "This edge would close a cycle: A → B → A."), reported());
    }

    @Test
    void pathBetweenFollowsEdgesInTheirDirection() {
        nodes("A", "B", "C");
        edge("a", "b");
        edge("b", "c");
        assertEquals(Optional.of(List.of("a", "b", "c")), graph().pathBetween("a", "c"));
        assertEquals(Optional.empty(), graph().pathBetween("c", "a"));
    }

    @Test
    void pathBetweenANodeAndItselfIsThatNode() {
        node("A");
        assertEquals(Optional.of(List.of("a")), graph().pathBetween("a", "a"));
    }

    @Test
    void pathBetweenTakesAShortestPath() {
        nodes("A", "B", "C", "D");
        edge("a", "b");
        edge("b", "c");
        edge("c", "d");
        edge("a", "d");
        assertEquals(Optional.of(List.of("a", "d")), graph().pathBetween("a", "d"));
    }

    @Test
    void topologicalOrderPutsEveryEdgeForwardInADiamond() {
        nodes("D", "C", "B", "A");
        edge("a", "b");
        edge("a", "c");
        edge("b", "d");
        edge("c", "d");
        List<String> order = graph().topologicalOrder().orElseThrow();
        assertEquals(4, order.size());
        assertEquals("a", order.get(0));
        assertEquals("d", order.get(3));
        for (WorkflowGraph.Edge edge : edges) {
            assertTrue(order.indexOf(edge.source()) < order.indexOf(edge.target()), edge.toString());
        }
    }

    @Test
    void topologicalOrderIncludesDisconnectedNodesInTheirGivenOrder() {
        nodes("X", "A", "Y", "B");
        edge("a", "b");
        assertEquals(Optional.of(List.of("x", "a", "y", "b")), graph().topologicalOrder());
    }

    @Test
    void topologicalOrderOfAnEmptyGraphIsEmptyButPresent() {
        assertEquals(Optional.of(List.of()), graph().topologicalOrder());
    }

    @Test
    void topologicalOrderIsAbsentWhenTheGraphHasACycle() {
        nodes("A", "B", "C");
        edge("a", "b");
        edge("b", "c");
        edge("c", "b");
        assertEquals(Optional.empty(), graph().topologicalOrder());
    }
}
