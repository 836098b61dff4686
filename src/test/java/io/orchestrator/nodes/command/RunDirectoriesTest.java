package io.orchestrator.nodes.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoriesTest {

    @TempDir
    Path data;

    @Test
    void aWorkingDirectoryIsAFolderInsideTheRunsOwnDirectoryCreatedOnDemand() throws NodeFailure {
        RunDirectories directories = new RunDirectories(data);
        Path run = data.resolve("runs").resolve("run-1");

        assertEquals(run, directories.workingDirectory("run-1", ""));
        assertEquals(run, directories.workingDirectory("run-1", null));
        Path nested = directories.workingDirectory("run-1", "out/data");
        assertEquals(run.resolve("out/data"), nested);
        assertTrue(Files.isDirectory(nested));
        assertEquals(
                run.resolve("b"), directories.workingDirectory("run-1", "a/../b"), "a .. that stays inside is fine");
    }

    @Test
    void aPathLeadingOutOfTheRunsDirectoryIsRefused() {
        RunDirectories directories = new RunDirectories(data);
        for (String outside : new String[] {"..", "../run-2", "a/../../..", "/etc", "/tmp/x"}) {
            NodeFailure refused = assertThrows(NodeFailure.class, () -> directories.workingDirectory("run-1", outside));
            assertEquals(ErrorType.VALIDATION, refused.errorType());
            assertTrue(refused.getMessage().contains("inside the run's directory"), refused.getMessage());
        }
        assertFalse(Files.exists(data.resolve("run-2")));
    }

    @Test
    void aRunIdCannotNameAPath() {
        RunDirectories directories = new RunDirectories(data);
        assertThrows(IllegalArgumentException.class, () -> directories.of("../x"));
        assertThrows(IllegalArgumentException.class, () -> directories.of("a/b"));
    }

    @Test
    void deletingARunRemovesItsDirectoryWithEverythingInItButNotWhatALinkPointsTo() throws Exception {
        RunDirectories directories = new RunDirectories(data);
        Path work = directories.workingDirectory("run-1", "work/deep");
        Files.writeString(work.resolve("file.txt"), "x");
        Path outside = Files.writeString(data.resolve("keep.txt"), "keep");
        Files.createSymbolicLink(work.resolve("link"), outside);

        directories.delete("run-1");

        assertFalse(Files.exists(data.resolve("runs/run-1")));
        assertEquals("keep", Files.readString(outside));
        directories.delete("run-1"); // nothing left: no failure
    }
}
