package io.orchestrator.nodes;

import java.text.ParseException;
import java.util.Optional;
import org.quartz.CronExpression;

/**
 * Cron expressions as people write them. Five fields (Unix: minute hour day month weekday) are
 * turned into Quartz's form (seconds first, and {@code ?} in one of the two day fields); six or
 * seven fields are taken as Quartz's own.
 */
public final class CronSchedule {

    private CronSchedule() {}

    public static String toQuartz(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            return expression.trim();
        }
        String dayOfMonth = fields[2];
        String dayOfWeek = fields[4];
        if ("*".equals(dayOfWeek) || "?".equals(dayOfWeek)) {
            dayOfWeek = "?";
        } else if ("*".equals(dayOfMonth) || "?".equals(dayOfMonth)) {
            dayOfMonth = "?";
        }
        return String.join(" ", "0", fields[0], fields[1], dayOfMonth, fields[3], unixWeekdays(dayOfWeek));
    }

    /** Why the expression is not valid, or empty when it is. */
    public static Optional<String> problem(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length < 5 || fields.length > 7) {
            return Optional.of(
                    "A cron expression has 5 fields (minute hour day month weekday), or 6-7 in Quartz form.");
        }
        try {
            new CronExpression(toQuartz(expression));
            return Optional.empty();
        } catch (ParseException invalid) {
            return Optional.of("Not a valid cron expression: " + invalid.getMessage());
        }
    }

    /**
     * Unix counts weekdays 0-6 from Sunday, Quartz 1-7 from Sunday. What follows a {@code /} (a step)
     * or a {@code #} (the nth such weekday of the month) is a count, not a weekday, and stays as it is.
     */
    private static String unixWeekdays(String field) {
        int count = field.replace('#', '/').indexOf('/');
        if (count >= 0) {
            return unixWeekdays(field.substring(0, count)) + field.substring(count);
        }
        if ("?".equals(field) || field.chars().noneMatch(Character::isDigit)) {
            return field;
        }
        StringBuilder result = new StringBuilder();
        StringBuilder number = new StringBuilder();
        for (char c : (field + "\0").toCharArray()) {
            if (Character.isDigit(c)) {
                number.append(c);
                continue;
            }
            if (number.length() > 0) {
                int day = Integer.parseInt(number.toString());
                result.append(day == 7 ? 1 : day + 1);
                number.setLength(0);
            }
            if (c != '\0') {
                result.append(c);
            }
        }
        return result.toString();
    }
}
