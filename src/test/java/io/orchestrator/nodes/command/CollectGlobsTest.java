package io.orchestrator.nodes.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectGlobsTest {

    @TempDir
    Path work;

    @Test
    void globsMatchFilesRelativeToTheWorkingDirectoryButNotLinksNorTheLogs() throws Exception {
        Files.createDirectories(work.resolve("out/deep"));
        Files.createDirectories(work.resolve("logs"));
        Files.writeString(work.resolve("report.csv"), "x");
        Files.writeString(work.resolve("notes.txt"), "x");
        Files.writeString(work.resolve("out/a.json"), "x");
        Files.writeString(work.resolve("out/deep/b.json"), "x");
        Files.writeString(work.resolve("logs/n-1.log"), "x");
        Path secret = Files.writeString(Files.createTempFile("secret", ".csv"), "secret");
        Files.createSymbolicLink(work.resolve("linked.csv"), secret);

        assertEquals(
                List.of(work.resolve("report.csv")), CollectGlobs.find(work, List.of("*.csv"), work.resolve("logs")));
        assertEquals(
                List.of(work.resolve("out/a.json"), work.resolve("out/deep/b.json")),
                CollectGlobs.find(work, List.of("out/**"), work.resolve("logs")));
        assertEquals(
                4,
                CollectGlobs.find(work, List.of("**"), work.resolve("logs")).size(),
                "every file but the log and the link");
        assertEquals(List.of(), CollectGlobs.find(work, List.of(), work.resolve("logs")));
    }

    @Test
    void globsLeadingOutAreRefused() {
        assertNull(CollectGlobs.problemWith("out/*.csv"));
        assertTrue(CollectGlobs.problemWith("/etc/*").contains("absolute"));
        assertTrue(CollectGlobs.problemWith("../other/*").contains("leads out"));
        assertTrue(CollectGlobs.problemWith("a/../../b").contains("leads out"));
        assertTrue(CollectGlobs.problemWith(" ").contains("empty"));
        assertTrue(CollectGlobs.problemWith("out/[a-").contains("not a valid glob"));
    }
}
