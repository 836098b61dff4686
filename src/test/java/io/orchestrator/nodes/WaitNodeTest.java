package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(reported("until", "Set seconds or until, not both."),
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
        assertEquals(reported("until", "Set seconds or until, not both.", NOT_AN_INSTANT),
                problems(type, "{'seconds': 1, 'until': 'soon'}"));
    }

    @Test
    void leavesATemplatedUntilToRunTime() {
        assertEquals(object("{}"), problems(type, "{'until': '${input.due}'}"));
    }
}
