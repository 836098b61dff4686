package io.orchestrator.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every response carries an {@code X-Request-ID}: the caller's own when it sent a sane one,
 * otherwise a new one. Log lines about a request name it, so a client's report finds the log.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-ID";
    private static final String ATTRIBUTE = RequestId.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private RequestId() {}

    /** Assigns the id once per request and sets the response header; later calls return the same id. */
    public static String assign(HttpServletRequest request, HttpServletResponse response) {
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing instanceof String id) {
            return id;
        }
        String offered = request.getHeader(HEADER);
        String id = offered != null && SANE.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        return id;
    }

    public static String of(HttpServletRequest request) {
        Object id = request == null ? null : request.getAttribute(ATTRIBUTE);
        return id == null ? "-" : id.toString();
    }
}
