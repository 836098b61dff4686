package io.orchestrator.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket, for what the JDK's clients cannot do: speak from another
 * loopback address (127.0.0.2 is a different client address to the server, on the same machine),
 * read the headers of a WebSocket handshake's answer, and send a path no URI class accepts (%zz).
 */
public final class RawHttp {

    /**
     * The status, the headers (names in lower case; the last of a repeated header) and the body when the
     * answer gives its Content-Length (else empty: a WebSocket handshake's answer keeps the connection).
     */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    /** Sends {@code METHOD path} with the extra header lines ("Name: value") from the given local address. */
    public static Answer send(URI server, String fromAddress, String method, String path, String... headerLines) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: ")
                    .append(server.getHost())
                    .append(':')
                    .append(server.getPort())
                    .append("\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String[] lines = head(in).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String length = headers.get("content-length");
        String body = length == null ? "" : new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        return new Answer(status, headers, body);
    }

    /** The bytes up to the blank line that ends the headers. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int next;
        while (matched < end.length && (next = in.read()) != -1) {
            read.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }
}
