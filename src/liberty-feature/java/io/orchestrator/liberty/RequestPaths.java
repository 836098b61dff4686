package io.orchestrator.liberty;

/**
 * What Open Liberty's web container refuses in a request's path before it picks an application: the
 * suspicious sequences of Servlet 6's URI path canonicalization that it answers with its own HTML page.
 * (The others, an encoded '/', '\' or '.' inside the application's path, reach the application's error
 * page, which answers in the API's shape.)
 */
final class RequestPaths {

    private RequestPaths() {}

    /**
     * True for a raw request URI (as sent, before decoding) whose path has an escape that is not two
     * hexadecimal digits ({@code %zz}, a trailing {@code %}), a control character, escaped or not
     * ({@code %00}, {@code %0a}, {@code %7f}), an escaped ';' ({@code %3B}), a path parameter on an
     * empty or dot segment ({@code /;x/}, {@code ..;}, {@code .;x}, their escaped forms), or dot
     * segments that climb above the root ({@code /..}, {@code /%2e%2e/x}, {@code /..%2F/x}). The query
     * is not looked at: the application reads and checks it. Everything this refuses, the web container
     * refuses too.
     */
    static boolean refusedByTheContainer(String uri) {
        int end = uri.indexOf('?');
        String path = end < 0 ? uri : uri.substring(0, end);
        return looksOdd(path) && (hasForbiddenCharacter(path) || hasForbiddenSegment(decoded(path)));
    }

    /**
     * The check every request gets: only a path with an escape, a ';', a segment that starts with '.'
     * or a control character is looked at closer.
     */
    private static boolean looksOdd(String path) {
        char previous = '/';
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c == ';' || c < 0x20 || c == 0x7f || (c == '.' && previous == '/')) {
                return true;
            }
            previous = c;
        }
        return false;
    }

    /**
     * Whether the path, its escapes decoded (an escaped '/' separates segments here, as it does when the
     * container removes dot segments), has a path parameter on an empty or dot segment, or climbs above
     * the root.
     */
    private static boolean hasForbiddenSegment(String path) {
        int depth = 0;
        for (String segment : path.split("/", -1)) {
            int parameter = segment.indexOf(';');
            String name = parameter < 0 ? segment : segment.substring(0, parameter);
            boolean dot = name.equals(".") || name.equals("..");
            if (parameter >= 0 && (dot || name.isEmpty())) {
                return true;
            }
            if (name.equals("..") && --depth < 0) {
                return true;
            }
            if (!dot && !name.isEmpty()) {
                depth++;
            }
        }
        return false;
    }

    /** Each escape as the character of its byte: enough to find '/', '.' and ';' (the others do not matter here). */
    private static String decoded(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder decoded = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                decoded.append((char) Integer.parseInt(path, i + 1, i + 3, 16));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    /** An escape that is not one, a control character (escaped or not), or an escaped ';'. */
    private static boolean hasForbiddenCharacter(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
            if (c == '%') {
                int high = i + 1 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
                int low = i + 2 < path.length() ? Character.digit(path.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return true;
                }
                int decoded = high * 16 + low;
                if (decoded < 0x20 || decoded == 0x7f || decoded == ';') {
                    return true;
                }
            }
        }
        return false;
    }
}
