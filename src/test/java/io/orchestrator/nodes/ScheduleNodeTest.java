package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleNodeTest {

    private final ScheduleNode type = new ScheduleNode();

    @Test
    void defaultsToUtc() {
        assertEquals(object("{'timezone': 'UTC'}"), type.initialValues(object("{}")));
    }

    @Test
    void acceptsAUnixCronInAnIanaZone() {
        assertEquals(object("{}"), problems(type, "{'cron': '*/5 * * * *', 'timezone': 'Europe/Paris'}"));
    }

    @Test
    void acceptsAQuartzCron() {
        assertEquals(object("{}"), problems(type, "{'cron': '0 0 12 ? * WED', 'timezone': 'UTC'}"));
    }

    @Test
    void refusesACronWithTheWrongNumberOfFields() {
        assertEquals(
                reported(
                        "cron",
                        "A cron expression has 5 fields (minute hour day month weekday), or 6-7 in Quartz form."),
                problems(type, "{'cron': '* * *'}"));
    }

    @Test
    void refusesAnInvalidCronWithQuartzsReason() {
        String problem =
                problems(type, "{'cron': '0 25 * * *'}").getJsonArray("cron").getString(0);
        assertTrue(problem.startsWith("Not a valid cron expression: "), problem);
    }

    @Test
    void leavesABlankCronToTheRequiredCheck() {
        assertEquals(object("{}"), problems(type, "{'cron': '  '}"));
    }

    @Test
    void refusesAnUnknownTimeZone() {
        assertEquals(
                reported("timezone", "Unknown time zone; use an IANA name such as UTC or Europe/Paris."),
                problems(type, "{'cron': '0 9 * * 1-5', 'timezone': 'Mars/Olympus_Mons'}"));
    }
}
