package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.BrowserScript;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The canvas with the keyboard alone, in a real browser against the real server: webapp/e2e/keyboard.e2e.mjs
 * builds a three-node chain from the palette with the arrow keys and Enter, goes from node to node, opens a
 * panel with Enter, walks its fields with Tab, saves, closes it with Escape, deletes a node with Delete and
 * brings it back with Ctrl+Z; axe-core finds no serious or critical violation on the sign-in page, the list
 * and the editor with a panel open. Screenshots land in target/e2e/.
 */
class KeyboardCanvasE2EIT {

    @Test
    void aPersonBuildsAWorkflowWithTheKeyboardAlone() throws Exception {
        BrowserScript.run("keyboard", Map.of());
        assertTrue(
                Files.size(BrowserScript.OUTPUT.resolve("keyboard-after-undo.png")) > 10_000,
                "a screenshot after the undo");
    }
}
