package io.orchestrator.nodes.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllowedCommandsTest {

    @Test
    void withNothingListedCommandsAreOffAndTheMessageSaysHowToTurnThemOn() {
        for (Optional<String> setting :
                java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of(" , "))) {
            AllowedCommands allowed = AllowedCommands.parse(setting);
            assertFalse(allowed.enabled());
            String problem = allowed.problemWith("python3");
            assertTrue(
                    problem.contains("Commands are off") && problem.contains("ORCHESTRATOR_COMMANDS=python3,bash"),
                    problem);
        }
    }

    @Test
    void aListedExecutableIsAllowedByItsExactNameOnly() {
        AllowedCommands allowed = AllowedCommands.parse(Optional.of(" python3 ,bash"));
        assertTrue(allowed.enabled());
        assertNull(allowed.problemWith("python3"));
        assertNull(allowed.problemWith("bash"));
        String problem = allowed.problemWith("/tmp/python3");
        assertTrue(
                problem.contains("'/tmp/python3' is not an allowed command") && problem.contains("bash, python3"),
                problem);
        assertTrue(allowed.problemWith("sh").contains("not an allowed command"));
        assertTrue(allowed.problemWith("Python3").contains("not an allowed command"));
    }
}
