package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitNodeTest {

    private static final String NOT_AN_INSTANT = "Must be an ISO-8601 instant such as 2030-01-01T09:00:00Z.";

    private final WaitNode type = new WaitNode();

    @Test
    void acceptsSecondsAlone() {
        assertEquals(object("{}"), problems(type, "{'seconds': 30}"));
    }

    @Test
    void acceptsAnInstantAlone() {
        assertEquals(object("{}"), problems(type, "{'until': '2030-01-01T09:00:00Z'}"));
    }

    @Test
    void refusesSecondsAndUntilTogether() {
        assertEquals(
                reported("until", "Set seconds or until, not both."),
                problems(type, "{'seconds': 30, 'until': '2030-01-01T09:00:00Z'}"));
    }

    @Test
    void aNullSecondsOrABlankUntilCountsAsNotSet() {
        assertEquals(object("{}"), problems(type, "{'seconds': null, 'until': '2030-01-01T09:00:00Z'}"));
        assertEquals(object("{}"), problems(type, "{'seconds': 5, 'until': ' '}"));
    }

    @Test
    void refusesAnUntilThatIsNotAnInstant() {
        assertEquals(reported("until", NOT_AN_INSTANT), problems(type, "{'until': 'tomorrow at nine'}"));
    }

    @Test
    void refusesADateWithoutATime() {
        assertEquals(reported("until", NOT_AN_INSTANT), problems(type, "{'until': '2030-01-01'}"));
    }

    @Test
    void reportsBothProblemsOfABadUntilNextToSeconds() {
        assertEquals(
                reported("until", "Set seconds or until, not both.", NOT_AN_INSTANT),
                problems(type, "{'seconds': 1, 'until': 'soon'}"));
    }

    @Test
    void leavesATemplatedUntilToRunTime() {
        assertEquals(object("{}"), problems(type, "{'until': '${input.due}'}"));
    }

    // running

    private NodeOutcome run(String values) throws NodeFailure {
        return TestNodeCall.of(type, values, "{'due': '2031-05-06T07:08:09Z', 'delay': 2.5, 'keep': 'me'}")
                .run();
    }

    @Test
    void waitsForSecondsFromNowWithTheInputAsOutput() throws Exception {
        Instant before = Instant.now();
        NodeOutcome outcome = run("{'seconds': 90}");
        assertTrue(outcome.waits());
        assertFalse(outcome.wakeAt().isBefore(before.plusSeconds(90)));
        assertTrue(outcome.wakeAt().isBefore(Instant.now().plusSeconds(91)));
        assertEquals(object("{'due': '2031-05-06T07:08:09Z', 'delay': 2.5, 'keep': 'me'}"), outcome.output());
    }

    @Test
    void waitsForFractionalSecondsFromATemplate() throws Exception {
        Instant before = Instant.now();
        NodeOutcome outcome = run("{'seconds': '${input.delay}'}");
        assertFalse(outcome.wakeAt().isBefore(before.plusMillis(2500)));
        assertTrue(outcome.wakeAt().isBefore(Instant.now().plusMillis(2600)));
    }

    @Test
    void waitsUntilAnInstantFromATemplate() throws Exception {
        assertEquals(
                Instant.parse("2031-05-06T07:08:09Z"),
                run("{'until': '${input.due}'}").wakeAt());
    }

    @Test
    void zeroSecondsAndAPastInstantStillWait() throws Exception {
        assertTrue(run("{'seconds': 0}").waits());
        assertEquals(
                Instant.parse("2001-01-01T00:00:00Z"),
                run("{'until': '2001-01-01T00:00:00Z'}").wakeAt());
    }

    @Test
    void aBadValueFailsNamingTheField() {
        NodeFailure notInstant = assertThrows(NodeFailure.class, () -> run("{'until': '${input.keep}'}"));
        assertEquals(ErrorType.VALIDATION, notInstant.errorType());
        assertTrue(
                notInstant.getMessage().startsWith("The field 'until' must be an ISO-8601 instant"),
                notInstant.getMessage());
        NodeFailure notNumber = assertThrows(NodeFailure.class, () -> run("{'seconds': '${input.keep}'}"));
        assertEquals("The field 'seconds' must be a number, but is the text 'me'.", notNumber.getMessage());
        NodeFailure negative = assertThrows(NodeFailure.class, () -> run("{'seconds': '${-1}'}"));
        assertTrue(
                negative.getMessage().startsWith("The field 'seconds' must be between 0 and"), negative.getMessage());
    }

    @Test
    void neitherSecondsNorUntilFails() {
        NodeFailure failure = assertThrows(NodeFailure.class, () -> run("{}"));
        assertEquals("Set the field 'seconds' or the field 'until'.", failure.getMessage());
    }
}
