package io.orchestrator.nodes.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.testing.ManualClock;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandOutputTest {

    @TempDir
    Path folder;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingLiveLog live = new RecordingLiveLog();

    @Test
    void stepMarksStartStepsEachEndingWhenTheNextStartsAndTheLastWhenTheCommandEnds() throws Exception {
        CommandOutput output = new CommandOutput(folder.resolve("logs/n.log"), 1_000_000, live, clock);
        output.line(OutputChannel.STDOUT, "preparing");
        output.line(OutputChannel.STDOUT, "::step::Download");
        clock.advanceMillis(1_500);
        output.line(OutputChannel.STDERR, "::step::not a step on stderr");
        output.line(OutputChannel.STDOUT, "::step::  Train  ");
        clock.advanceMillis(250);
        output.finish(false);

        assertEquals(
                List.of(
                        "stdout 1 [null] preparing",
                        "step 0 Download running",
                        "stdout 2 [0] ::step::Download",
                        "stderr 3 [0] ::step::not a step on stderr",
                        "step 0 Download completed",
                        "step 1 Train running",
                        "stdout 4 [1] ::step::  Train  ",
                        "step 1 Train failed",
                        "closed"),
                live.events());
        JsonObject result = output.toJson(2, 1_750);
        assertEquals(2, result.getInt("exit_code"));
        assertEquals(1_750, result.getInt("duration_ms"));
        JsonObject download = result.getJsonArray("steps").getJsonObject(0);
        assertEquals("completed", download.getString("status"));
        assertEquals(1_500, download.getInt("duration_ms"));
        assertEquals("2026-01-01T00:00:00Z", download.getString("started_at"));
        JsonObject train = result.getJsonArray("steps").getJsonObject(1);
        assertEquals("Train", train.getString("name"));
        assertEquals("failed", train.getString("status"));
        assertEquals(250, train.getInt("duration_ms"));
        assertEquals(
                "preparing\n::step::Download\n::step::not a step on stderr\n::step::  Train  \n",
                Files.readString(folder.resolve("logs/n.log")));
    }

    @Test
    void theTailsKeepTheLastLinesOfEachOutput() {
        CommandOutput output = new CommandOutput(folder.resolve("n.log"), 1_000_000, live, clock);
        for (int i = 1; i <= 100; i++) {
            output.line(OutputChannel.STDOUT, "out " + i);
        }
        output.line(OutputChannel.STDERR, "only error");
        output.finish(true);

        String expected =
                IntStream.rangeClosed(81, 100).mapToObj(i -> "out " + i).collect(Collectors.joining("\n"));
        assertEquals(expected, output.tail(OutputChannel.STDOUT));
        assertEquals("only error", output.tail(OutputChannel.STDERR));
    }

    @Test
    void theStoredLogKeepsUpToItsLimitAndSaysHowMuchItLeftOut() throws Exception {
        CommandOutput output = new CommandOutput(folder.resolve("n.log"), 30, live, clock);
        for (int i = 1; i <= 10; i++) {
            output.line(OutputChannel.STDOUT, "line " + i); // 7 or 8 characters with its end
        }
        output.finish(true);

        List<String> stored = Files.readAllLines(folder.resolve("n.log"));
        assertEquals(List.of("line 1", "line 2", "line 3", "line 4"), stored.subList(0, 4));
        assertEquals(
                "[6 more lines (43 bytes) not kept: a command's stored log is limited to 30 bytes]", stored.get(4));
        JsonObject log = output.logSummary();
        assertEquals(10, log.getInt("lines"));
        assertEquals(71, log.getInt("bytes"));
        assertEquals(28, log.getInt("kept_bytes"));
        assertFalse(log.getBoolean("complete"));
        assertEquals(11, live.events().size(), "the live log still got every line, then its close");
    }

    @Test
    void stepsPastTheLimitAreOrdinaryLines() {
        CommandOutput output = new CommandOutput(folder.resolve("n.log"), 100_000_000, live, clock);
        for (int i = 0; i < CommandOutput.MAX_STEPS + 5; i++) {
            output.line(OutputChannel.STDOUT, "::step::s" + i);
        }
        output.finish(true);
        assertEquals(CommandOutput.MAX_STEPS, output.steps().size());
        assertTrue(output.steps().stream().allMatch(step -> step.status().equals("completed")));
    }

    @Test
    void linesAfterTheCloseAreIgnored() {
        CommandOutput output = new CommandOutput(folder.resolve("n.log"), 1_000, live, clock);
        output.finish(true);
        output.line(OutputChannel.STDOUT, "late");
        assertEquals(List.of("closed"), live.events());
        assertEquals(0, output.logSummary().getInt("lines"));
    }
}
