package io.orchestrator.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Multipart uploads and binary downloads, as a browser or curl sends and receives them. */
public final class Uploads {

    public static final String BOUNDARY = "----it-boundary-7f3a";
    public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Uploads() {}

    /** A form with these text fields and, unless {@code file} is null, a file part. */
    public static byte[] form(Map<String, String> fields, String fileName, String fileType, byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                body,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        if (file != null) {
            write(
                    body,
                    "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                            + "\"\r\n" + (fileType == null ? "" : "Content-Type: " + fileType + "\r\n") + "\r\n");
            body.writeBytes(file);
            write(body, "\r\n");
        }
        write(body, "--" + BOUNDARY + "--\r\n");
        return body.toByteArray();
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** GET with the admin token and optional extra headers, the body as bytes. */
    public static HttpResponse<byte[]> download(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(SharedServer.get().baseUri().toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + SharedServer.ADMIN_TOKEN);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
