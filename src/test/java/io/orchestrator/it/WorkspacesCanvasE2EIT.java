package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.BrowserScript;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workspaces as a person meets them in the canvas, in a real browser against the real server:
 * webapp/e2e/workspaces.e2e.mjs makes two workspaces with a token and a workflow each (and a viewer of
 * the first) through the API, then signs in with each token and sees only its own workspace's
 * workflow, the viewer's canvas read only, and an admin managing the first workspace's tokens.
 */
class WorkspacesCanvasE2EIT {

    @Test
    void tokensOfTwoWorkspacesSeeOnlyTheirOwnWorkflowsInTheCanvas() throws Exception {
        BrowserScript.run("workspaces", Map.of());
        assertTrue(
                Files.size(BrowserScript.OUTPUT.resolve("workspaces-viewer.png")) > 10_000,
                "a screenshot of the viewer's read-only canvas");
    }
}
