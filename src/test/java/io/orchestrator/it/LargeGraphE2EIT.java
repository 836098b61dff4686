package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.BrowserScript;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A large workflow in a real browser against the real server: webapp/e2e/large-graph.e2e.mjs opens a
 * 300-node graph as the overview (one canvas, no node elements), selects a node there with a click,
 * zooms in to React Flow's nodes (those in view only, edges meeting their handles), zooms out and
 * jumps to a node with the search. Screenshots land in target/e2e/.
 */
class LargeGraphE2EIT {

    @Test
    void aLargeGraphOpensAsAnOverviewAndItsNodesAreDrawnOnceZoomedIn() throws Exception {
        BrowserScript.run("large-graph", Map.of());
        for (String shot : new String[] {"large-overview", "large-selected", "large-detail"}) {
            assertTrue(Files.size(BrowserScript.OUTPUT.resolve(shot + ".png")) > 10_000, "a screenshot " + shot);
        }
    }
}
