package io.orchestrator.nodes.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real programs (bash, python3), as the command node runs them. */
class CommandRunTest {

    @TempDir
    Path folder;

    private final RecordingLiveLog live = new RecordingLiveLog();

    /** Kept files, as "log name" or "file name" with the content read when kept. */
    private final List<String> kept = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final CommandArtifacts artifacts = (workflowId, runId, nodeId, file, log) -> {
        kept.add((log ? "log " : "file ") + file.getFileName() + ": "
                + Files.readString(file).strip());
        return Jsonp.JSON
                .createObjectBuilder()
                .add("file_name", file.getFileName().toString())
                .build();
    };

    private CommandRun run(long timeoutMillis, String... argv) throws NodeFailure {
        return new CommandRun(
                List.of(argv),
                folder,
                CommandRun.environment(JsonValue.NULL, "wf", "run-1", "node-1"),
                timeoutMillis,
                List.of("*.txt"));
    }

    private NodeOutcome execute(CommandRun run) throws NodeFailure {
        return run.execute(
                folder.resolve("logs/node-1-1.log"),
                1_000_000,
                live,
                Thread::new,
                Clock.systemUTC(),
                new CommandRun.Keeping(artifacts, "wf", "run-1", "node-1"));
    }

    @Test
    void aScriptWithTwoStepsAndAFileSucceedsWithItsStepsTailsAndStoredLog() throws Exception {
        String script = "import sys\n"
                + "print('::step::Prepare')\n"
                + "print('preparing')\n"
                + "print('a warning', file=sys.stderr)\n"
                + "print('::step::Write')\n"
                + "open('result.txt', 'w').write('done')\n"
                + "print('written')\n";
        NodeOutcome outcome = execute(run(30_000, "python3", "-c", script));

        JsonObject output = outcome.output().asJsonObject();
        assertEquals("default", outcome.route());
        assertEquals(0, output.getInt("exit_code"));
        assertEquals(2, output.getJsonArray("steps").size());
        assertEquals("Prepare", output.getJsonArray("steps").getJsonObject(0).getString("name"));
        assertEquals("completed", output.getJsonArray("steps").getJsonObject(1).getString("status"));
        assertEquals("::step::Prepare\npreparing\n::step::Write\nwritten", output.getString("stdout_tail"));
        assertEquals("a warning", output.getString("stderr_tail"));
        assertTrue(output.getJsonObject("log").getBoolean("complete"));
        assertEquals("done", Files.readString(folder.resolve("result.txt")), "it ran in its working directory");
        List<String> stored = Files.readAllLines(folder.resolve("logs/node-1-1.log"));
        assertEquals(5, stored.size());
        assertTrue(stored.containsAll(List.of("::step::Prepare", "preparing", "a warning", "written")));
        assertEquals("closed", live.events().get(live.events().size() - 1));
        assertEquals(List.of("log node-1-1.log: " + String.join("\n", stored), "file result.txt: done"), kept);
        assertEquals(
                "result.txt", output.getJsonArray("artifacts").getJsonObject(0).getString("file_name"));
        assertEquals("node-1-1.log", output.getJsonObject("log_artifact").getString("file_name"));
    }

    @Test
    void anExitCodeOtherThanZeroFailsTheNodeWithTheOutputAndTheLastErrorLine() throws NodeFailure {
        CommandRun run = run(30_000, "bash", "-c", "echo working; echo 'disk full' >&2; exit 3");
        NodeFailure failed = assertThrows(NodeFailure.class, () -> execute(run));

        assertEquals(ErrorType.COMMAND_FAILED, failed.errorType());
        assertEquals("The command exited with code 3: disk full", failed.getMessage());
        assertEquals(3, failed.details().getInt("exit_code"));
        assertEquals("working", failed.details().getString("stdout_tail"));
        assertEquals(1, kept.size(), "a failed command's log is kept too: " + kept);
        assertTrue(kept.get(0).startsWith("log node-1-1.log: ") && kept.get(0).contains("disk full"), kept::toString);
    }

    @Test
    void aProgramThatDoesNotExistFailsWithoutRunningAnything() throws NodeFailure {
        CommandRun run = run(30_000, "no-such-program-here");
        NodeFailure failed = assertThrows(NodeFailure.class, () -> execute(run));
        assertEquals(ErrorType.COMMAND_FAILED, failed.errorType());
        assertTrue(failed.getMessage().startsWith("Could not start 'no-such-program-here'"), failed.getMessage());
    }

    @Test
    void theServersEnvironmentIsNotPassedOnOnlyTheBasicsTheRunsIdsAndTheNodesOwn() throws Exception {
        CommandRun run = new CommandRun(
                List.of("env"), // the program itself: a shell or pyenv's python3 would add variables of their own
                folder,
                CommandRun.environment(
                        Jsonp.JSON
                                .createObjectBuilder()
                                .add("GREETING", "hi")
                                .add("COUNT", 3)
                                .build(),
                        "wf",
                        "run-1",
                        "node-1"),
                30_000,
                List.of());
        String printed = execute(run).output().asJsonObject().getString("stdout_tail") + "\n";

        List<String> names = printed.lines()
                .map(line -> line.substring(0, line.indexOf('=')))
                .sorted()
                .toList();
        assertEquals(
                List.of(
                        "COUNT",
                        "GREETING",
                        "HOME",
                        "LANG",
                        "ORCHESTRATOR_NODE_ID",
                        "ORCHESTRATOR_RUN_ID",
                        "ORCHESTRATOR_WORKFLOW_ID",
                        "PATH",
                        "TMPDIR"),
                names,
                printed);
        assertTrue(printed.contains("GREETING=hi\n") && printed.contains("COUNT=3\n"), printed);
        assertTrue(printed.contains("HOME=" + folder), printed);
    }

    @Test
    void aBadEnvironmentNameIsRefused() {
        NodeFailure refused = assertThrows(
                NodeFailure.class,
                () -> CommandRun.environment(
                        Jsonp.JSON.createObjectBuilder().add("1X", "v").build(), "wf", "run-1", "node-1"));
        assertEquals(ErrorType.VALIDATION, refused.errorType());
    }

    @Test
    void theCommandFieldMustBeAListOfTextsWithAProgram() {
        for (String bad : new String[] {"\"python3 x.py\"", "[]", "[{\"a\":1}]", "[\" \"]", "null"}) {
            NodeFailure refused = assertThrows(NodeFailure.class, () -> CommandRun.argv(JsonText.parse(bad)), bad);
            assertEquals(ErrorType.VALIDATION, refused.errorType());
        }
    }

    @Test
    void aTimeoutKillsTheWholeProcessTreeAndFailsTheNode() throws Exception {
        CommandRun run = run(1_500, "bash", "-c", "sleep 60 & echo $! > child.pid; sleep 60");
        long started = System.nanoTime();
        NodeFailure failed = assertThrows(NodeFailure.class, () -> execute(run));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(ErrorType.TIMEOUT, failed.errorType());
        assertTrue(tookMillis < 10_000, "ended in " + tookMillis + " ms");
        assertGone(Long.parseLong(Files.readString(folder.resolve("child.pid")).trim()));
    }

    @Test
    void anInterruptKillsTheWholeProcessTreeAndFailsTheNodeAsCancelled() throws Exception {
        CommandRun run = run(60_000, "bash", "-c", "sleep 60 & echo $! > child.pid; sleep 60");
        CompletableFuture<NodeFailure> failure = new CompletableFuture<>();
        Thread node = new Thread(() -> {
            try {
                execute(run);
                failure.complete(null);
            } catch (NodeFailure failed) {
                failure.complete(failed);
            }
        });
        node.start();
        Path pidFile = folder.resolve("child.pid");
        for (int i = 0; i < 100 && !(Files.exists(pidFile) && Files.size(pidFile) > 0); i++) {
            Thread.sleep(50);
        }
        node.interrupt();

        NodeFailure failed = failure.get(20, TimeUnit.SECONDS);
        assertEquals(ErrorType.CANCELLED, failed.errorType());
        assertGone(Long.parseLong(Files.readString(pidFile).trim()));
    }

    private static void assertGone(long pid) throws InterruptedException {
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        for (int i = 0; i < 50 && child.map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(child.map(ProcessHandle::isAlive).orElse(false), "the background child " + pid + " still runs");
    }
}
