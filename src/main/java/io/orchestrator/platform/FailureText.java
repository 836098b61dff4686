package io.orchestrator.platform;

import java.util.regex.Pattern;

/**
 * What a client may read of an exception that is not ours (the JDK's, a library's) when it explains
 * a failed node or request: its message, without the Java class names that messages embed when one
 * exception wraps another ("PKIX path building failed: sun.security.provider.certpath.
 * SunCertPathBuilderException: unable to find valid certification path to requested target"). They
 * tell a client nothing and the server's insides to anyone. A message that is empty without them, or
 * none at all (an EOFException has none), gives the caller's own words instead of the class's name.
 */
public final class FailureText {

    /** A qualified class name (lower-case package segments, then the class), with the ": " that follows it. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?::\\s*)?");

    private FailureText() {}

    public static String of(Throwable failure, String fallback) {
        String message = failure == null ? null : failure.getMessage();
        if (message == null) {
            return fallback;
        }
        String text = CLASS_NAME.matcher(message).replaceAll("").strip();
        return text.isEmpty() ? fallback : text;
    }
}
