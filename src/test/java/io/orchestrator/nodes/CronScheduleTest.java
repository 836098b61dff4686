package io.orchestrator.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.ParseException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

class CronScheduleTest {

    /** Sunday 7 January 2024, midnight UTC. */
    private static final Instant SUNDAY = Instant.parse("2024-01-07T00:00:00Z");

    /** The next fire times of a five-field expression in UTC, from {@link #SUNDAY} on. */
    private static List<Instant> firings(String unixExpression, int count) throws ParseException {
        CronExpression quartz = new CronExpression(CronSchedule.toQuartz(unixExpression));
        quartz.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        List<Instant> times = new ArrayList<>();
        Date after = Date.from(SUNDAY.minusSeconds(1));
        for (int i = 0; i < count; i++) {
            after = quartz.getNextValidTimeAfter(after);
            times.add(after.toInstant());
        }
        return times;
    }

    private static List<DayOfWeek> firingDays(String unixExpression, int count) throws ParseException {
        return firings(unixExpression, count).stream()
                .map(time -> time.atZone(ZoneOffset.UTC).getDayOfWeek())
                .toList();
    }

    @Test
    void everyFiveMinutesGetsSecondsAndNoDayOfWeek() {
        assertEquals("0 */5 * * * ?", CronSchedule.toQuartz("*/5 * * * *"));
    }

    @Test
    void weekdayRangeIsShiftedToQuartzNumbering() {
        assertEquals("0 0 9 ? * 2-6", CronSchedule.toQuartz("0 9 * * 1-5"));
    }

    @Test
    void mondayToFridayFiresOnMondayToFriday() throws ParseException {
        assertEquals(
                List.of(
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY,
                        DayOfWeek.MONDAY),
                firingDays("0 9 * * 1-5", 6));
    }

    @Test
    void firstOfTheMonthLeavesTheDayOfWeekOpen() {
        assertEquals("0 0 0 1 * ?", CronSchedule.toQuartz("0 0 1 * *"));
    }

    @Test
    void sundayIsZeroOrSevenInUnixAndOneInQuartz() {
        assertEquals("0 0 0 ? * 1", CronSchedule.toQuartz("0 0 * * 0"));
        assertEquals("0 0 0 ? * 1", CronSchedule.toQuartz("0 0 * * 7"));
    }

    @Test
    void weekdayListsAreShiftedItemByItem() {
        assertEquals("0 30 8 ? * 1,7", CronSchedule.toQuartz("30 8 * * 0,6"));
    }

    @Test
    void aStepOnEveryWeekdayKeepsTheStep() {
        assertEquals("0 0 0 ? * */2", CronSchedule.toQuartz("0 0 * * */2"));
    }

    @Test
    void everySecondWeekdayFiresOnSundayTuesdayThursdaySaturday() throws ParseException {
        assertEquals(
                List.of(DayOfWeek.SUNDAY, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                firingDays("0 0 * * */2", 5));
    }

    @Test
    void aStepOnAWeekdayRangeShiftsTheRangeButNotTheStep() {
        assertEquals("0 0 0 ? * 2-6/2", CronSchedule.toQuartz("0 0 * * 1-5/2"));
    }

    @Test
    void everySecondDayFromMondayToFridayFiresOnMondayWednesdayFriday() throws ParseException {
        assertEquals(
                List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY, DayOfWeek.MONDAY),
                firingDays("0 0 * * 1-5/2", 4));
    }

    @Test
    void theNthWeekdayOfTheMonthShiftsTheDayButNotTheCount() {
        assertEquals("0 0 9 ? * 6#3", CronSchedule.toQuartz("0 9 * * 5#3"));
    }

    @Test
    void theThirdFridayFiresOnTheThirdFriday() throws ParseException {
        assertEquals(
                List.of(Instant.parse("2024-01-19T09:00:00Z"), Instant.parse("2024-02-16T09:00:00Z")),
                firings("0 9 * * 5#3", 2));
    }

    @Test
    void theFifthMondayIsValid() {
        assertEquals(Optional.empty(), CronSchedule.problem("0 9 * * 1#5"));
    }

    @Test
    void theLastWeekdayOfTheMonthShiftsTheDay() {
        assertEquals("0 0 9 ? * 6L", CronSchedule.toQuartz("0 9 * * 5L"));
    }

    @Test
    void aWeekdayRangeEndingOnSundaySevenWrapsAroundInQuartz() throws ParseException {
        assertEquals("0 0 0 ? * 6-1", CronSchedule.toQuartz("0 0 * * 5-7"));
        assertEquals(
                List.of(DayOfWeek.SUNDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                firingDays("0 0 * * 5-7", 4));
    }

    @Test
    void weekdayNamesPassThrough() {
        assertEquals("0 0 7 ? * MON-FRI", CronSchedule.toQuartz("0 7 * * MON-FRI"));
    }

    @Test
    void extraWhitespaceIsIgnored() {
        assertEquals("0 */5 * * * ?", CronSchedule.toQuartz("  */5   * *\t* *  "));
    }

    @Test
    void sixFieldQuartzExpressionsPassThrough() {
        assertEquals("0 0/5 * * * ?", CronSchedule.toQuartz("0 0/5 * * * ?"));
    }

    @Test
    void sevenFieldQuartzExpressionsPassThroughTrimmed() {
        assertEquals("0 0 12 ? * WED 2030", CronSchedule.toQuartz(" 0 0 12 ? * WED 2030 "));
    }

    @Test
    void validFiveSixAndSevenFieldExpressionsHaveNoProblem() {
        for (String valid :
                List.of("*/5 * * * *", "0 9 * * 1-5", "0 0 * * */2", "0 0/5 * * * ?", "0 0 12 ? * WED 2030")) {
            assertEquals(Optional.empty(), CronSchedule.problem(valid), valid);
        }
    }

    @Test
    void tooFewOrTooManyFieldsIsAProblem() {
        String message = "A cron expression has 5 fields (minute hour day month weekday), or 6-7 in Quartz form.";
        assertEquals(Optional.of(message), CronSchedule.problem("* * * *"));
        assertEquals(Optional.of(message), CronSchedule.problem("0 0 0 ? * * 2030 x"));
    }

    @Test
    void anOutOfRangeMinuteIsAProblem() {
        assertProblemStartsWith("61 * * * *", "Not a valid cron expression: ");
    }

    @Test
    void garbageIsAProblem() {
        assertProblemStartsWith("a b c d e", "Not a valid cron expression: ");
    }

    @Test
    void bothADayOfMonthAndADayOfWeekIsAProblemQuartzCannotSchedule() {
        assertEquals("0 0 0 1 * 2", CronSchedule.toQuartz("0 0 1 * 1"));
        assertProblemStartsWith("0 0 1 * 1", "Not a valid cron expression: ");
    }

    private static void assertProblemStartsWith(String expression, String start) {
        String problem = CronSchedule.problem(expression).orElseThrow();
        assertTrue(problem.startsWith(start) && problem.length() > start.length(), problem);
    }
}
