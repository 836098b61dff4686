package io.orchestrator.it.hostile;

import java.util.List;
import java.util.Random;

/**
 * JSON values, as raw text, that a field of a request body may hold instead of the one it expects:
 * numbers no machine type holds, wrong types, strings that are long or odd, deep nesting,
 * expressions that grow or reach for classes. Raw text because JSON-P would not write a number such
 * as {@code 1e100000000} as it is.
 */
final class HostileValues {

    static final List<String> BIG_NUMBERS = List.of(
            "1e100000000",
            "-1e-100000000",
            "123456789012345678901234567890123456789012345678901234567890e999999",
            "1" + "0".repeat(10_000),
            "0." + "0".repeat(10_000) + "1",
            "1E2147483647",
            "1e-2147483648",
            "-0",
            "9223372036854775808",
            "-9223372036854775809",
            "1.7976931348623157e309",
            "4.9e-325",
            "0.1e99999999999999999999");

    static final List<String> WRONG_TYPES = List.of(
            "null",
            "true",
            "false",
            "[]",
            "{}",
            "\"\"",
            "0",
            "-1",
            "[null]",
            "[[\"x\"]]",
            "{\"a\": {}}",
            "\"x\"",
            "3.5");

    static final List<String> ODD_STRINGS = List.of(
            "\"\\u0000\"",
            "\"\\uD800\"",
            "\"\\uDFFF\\uD800\"",
            "\"\\u202e\\ufeff\\u200b\"",
            "\"\uD83D\uDCA5 \u00e9\u4e2d\"",
            "\"../../../etc/passwd\"",
            "\"<script>alert(1)</script>\"",
            "\"' OR '1'='1' --\"",
            "\"%s%n%x%d\"",
            "\"\\r\\nX-Injected: 1\"",
            "\"{{block:No such block}}\"",
            "\"" + "a".repeat(100_000) + "\"",
            "\"" + "\u00e9".repeat(20_000) + "\"");

    /**
     * Expressions that must not run during a save, and that a run must bound: big numbers, growth,
     * and reaching for classes. Saving them is the storm's business; running them is
     * {@link ExpressionBombs}'.
     */
    static final List<String> EXPRESSIONS = List.of(
            "\"${number('1e10000000') + 1 > 0}\"",
            "\"${number('123456789012345678901234567890e999999') * 2}\"",
            "\"${replace(replace(replace('aaaaaaaaaa', '', 'bbbbbbbbbb'), '', 'cccccccccc'), '', 'dddddddddd')}\"",
            "\"${split(input.text, '')}\"",
            "\"${''.getClass()}\"",
            "\"${input.getClass().forName('java.lang.Runtime')}\"",
            "\"${(x -> x)(1)}\"",
            "\"${a = 1}\"",
            "\"${" + "(".repeat(5_000) + "1" + ")".repeat(5_000) + "}\"",
            "\"" + "${input.a}".repeat(20_000) + "\"",
            "\"${unclosed\"",
            "\"${}\"");

    static final List<String> NESTED = List.of(
            "[".repeat(63) + "]".repeat(63),
            "[".repeat(1_000) + "]".repeat(1_000),
            "{\"a\":".repeat(1_000) + "1" + "}".repeat(1_000),
            "[".repeat(100_000) + "]".repeat(100_000));

    private HostileValues() {}

    /** One hostile value, the long and expensive ones less often. */
    static String any(Random random) {
        int pick = random.nextInt(100);
        if (pick < 28) {
            return one(random, BIG_NUMBERS);
        }
        if (pick < 50) {
            return one(random, WRONG_TYPES);
        }
        if (pick < 72) {
            return one(random, ODD_STRINGS);
        }
        if (pick < 88) {
            return one(random, EXPRESSIONS);
        }
        return one(random, NESTED);
    }

    static <T> T one(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
