package io.orchestrator.platform;

import java.util.Locale;

/**
 * Text for JPQL {@code LIKE ... escape '!'}. Not a backslash: without an escape clause Hibernate
 * doubles every backslash in a MariaDB pattern, so a backslash-escaped '%' or '_' matched nothing.
 */
public final class LikePatterns {

    private LikePatterns() {}

    /** The text with '!', '%' and '_' escaped by '!'. */
    public static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** A pattern for {@code lower(column) like ...} matching the text anywhere, whatever its case. */
    public static String containsIgnoringCase(String text) {
        return "%" + escape(text.toLowerCase(Locale.ROOT)) + "%";
    }
}
