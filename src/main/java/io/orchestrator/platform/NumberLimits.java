package io.orchestrator.platform;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The numbers the server computes with: at most {@value #MAX_DIGITS} digits before and
 * {@value #MAX_DIGITS} after the decimal point. JSON allows any exponent, and a number costs
 * nothing until something computes with it: {@code 1e100000000 + 1} writes out a hundred million
 * digits (minutes of CPU that no stop can interrupt), and parsing two million digits of text takes
 * a minute. Every place that turns a caller's number or text into arithmetic (expressions, node
 * fields, YAML) goes through here first, so that such input is refused with a message instead.
 */
public final class NumberLimits {

    public static final int MAX_DIGITS = 1000;

    /** Longer text cannot be a number within the limits (digits, point, sign and exponent). */
    private static final int MAX_TEXT_LENGTH = 2 * MAX_DIGITS + 16;

    private static final String LIMITS =
            "(at most " + MAX_DIGITS + " digits before and " + MAX_DIGITS + " after the decimal point)";

    private NumberLimits() {}

    public static boolean allows(BigDecimal number) {
        long digitsAfterPoint = number.scale();
        long digitsBeforePoint = (long) number.precision() - number.scale();
        return digitsAfterPoint <= MAX_DIGITS && digitsBeforePoint <= MAX_DIGITS;
    }

    public static boolean allows(BigInteger number) {
        return number.bitLength() <= MAX_DIGITS * 10 / 3;
    }

    /**
     * The number a text holds.
     *
     * @throws NumberFormatException when the text is not a number
     * @throws ArithmeticException when it is one outside the limits (the message says so)
     */
    public static BigDecimal parse(String text) {
        String candidate = text.strip();
        checkLength(candidate);
        return checked(new BigDecimal(candidate));
    }

    /**
     * The number itself when within the limits.
     *
     * @throws ArithmeticException when it is outside them, with the message to show
     */
    public static BigDecimal checked(BigDecimal number) {
        if (!allows(number)) {
            throw new ArithmeticException(outOfRange(number));
        }
        return number;
    }

    /** An integer in the given radix (YAML's 0x and 0o forms), with the exceptions of {@link #parse}. */
    public static BigInteger parseInteger(String digits, int radix) {
        checkLength(digits);
        BigInteger number = new BigInteger(digits, radix);
        if (!allows(number)) {
            throw new ArithmeticException(outOfRange(new BigDecimal(number)));
        }
        return number;
    }

    private static void checkLength(String candidate) {
        if (candidate.length() > MAX_TEXT_LENGTH) {
            throw new ArithmeticException("a text of " + candidate.length()
                    + " characters, longer than any number the server computes with " + LIMITS);
        }
    }

    /** Why a number is refused, for messages: it names the number in short scientific form. */
    public static String outOfRange(BigDecimal number) {
        return "the number " + shortForm(number) + " is outside the range the server computes with " + LIMITS;
    }

    private static String shortForm(BigDecimal number) {
        String text = number.toString();
        if (text.length() <= 40) {
            return text;
        }
        // BigDecimal.toString of a long number is its digits: name it by its first digits and exponent.
        long exponent = (long) number.precision() - number.scale() - 1;
        String digits = number.unscaledValue().abs().toString(); // bounded: allows() failed on scale or size
        return (number.signum() < 0 ? "-" : "") + digits.charAt(0) + "."
                + digits.substring(1, Math.min(8, digits.length())) + "...E" + (exponent >= 0 ? "+" : "") + exponent;
    }
}
