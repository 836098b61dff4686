package io.orchestrator.platform;

import io.orchestrator.platform.yaml.YamlReader;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The API's OpenAPI document at {@code /openapi}, without a token, as other products publish theirs:
 * it describes the API, not anyone's data. YAML as written, or JSON for {@code ?format=json} or a
 * client that accepts JSON and not YAML. The document is a maintained file (checked against the
 * resources by OpenApiDocumentTest) rather than Liberty's mpOpenAPI scan, which sees the JSON-P
 * bodies as empty objects and costs seconds at every start. Swagger UI shows it at /openapi/ui/.
 */
@WebServlet(urlPatterns = "/openapi", name = "OpenApiDocument")
public class OpenApiDocument extends HttpServlet {

    /** Where the document lives on the class path. */
    static final String RESOURCE = "/openapi.yaml";

    private byte[] yaml;
    private byte[] json;

    @Override
    public void init() throws ServletException {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ServletException(RESOURCE + " is missing from the build");
            }
            yaml = in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        String text = new String(yaml, StandardCharsets.UTF_8);
        json = YamlReader.read(text, 64, text.length() + 1).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Read-only: any method but GET, HEAD and OPTIONS is a 405 in the API's error shape. HttpServlet
     * would answer a method it has no doX for (PATCH) with a 501, which the error pages turn into a
     * server failure (the hostile storm found it).
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            super.service(request, response);
            return;
        }
        response.setHeader("Allow", "GET, HEAD, OPTIONS");
        byte[] body = ErrorBody.of(ErrorCode.METHOD_NOT_ALLOWED, "The OpenAPI document is only read, with GET", null)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        send(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "application/json", body);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String format = request.getParameter("format");
        boolean asJson;
        if (format == null) {
            asJson = prefersJson(request.getHeader("Accept"));
        } else if (format.equals("json") || format.equals("yaml")) {
            asJson = format.equals("json");
        } else {
            byte[] body = ErrorBody.of(ErrorCode.INVALID_REQUEST, "format must be json or yaml", null)
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            send(response, HttpServletResponse.SC_BAD_REQUEST, "application/json", body);
            return;
        }
        response.setHeader("Vary", "Accept");
        response.setHeader("Cache-Control", "no-cache");
        send(
                response,
                HttpServletResponse.SC_OK,
                asJson ? "application/json" : "application/yaml; charset=UTF-8",
                asJson ? json : yaml);
    }

    /** JSON only for a client that names JSON and not YAML; browsers and everyone else get the file as written. */
    static boolean prefersJson(String accept) {
        if (accept == null) {
            return false;
        }
        String types = accept.toLowerCase(Locale.ROOT);
        return types.contains("application/json") && !types.contains("yaml");
    }

    private static void send(HttpServletResponse response, int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
