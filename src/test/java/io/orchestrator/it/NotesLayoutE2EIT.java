package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.BrowserScript;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The canvas's daily tools in a real browser against the real server: webapp/e2e/notes-layout.e2e.mjs
 * writes a Markdown note and finds it again after a reload, tidies the layout up (saved, undone in
 * one step), finds a node by name and opens the shortcut sheet. Screenshots land in target/e2e/.
 */
class NotesLayoutE2EIT {

    @Test
    void aPersonWritesANoteTidiesUpFindsANodeAndReadsTheShortcuts() throws Exception {
        BrowserScript.run("notes-layout", Map.of());
        for (String shot : new String[] {"notes", "tidy-before", "tidy-after", "search", "shortcuts"}) {
            assertTrue(Files.size(BrowserScript.OUTPUT.resolve(shot + ".png")) > 10_000, "a screenshot " + shot);
        }
    }
}
