package io.orchestrator.artifacts;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArrayBuilder;
import java.util.List;
import java.util.Locale;

/**
 * What an artifact is called and what it is: its name, the file name it is downloaded as (a base
 * name only: no folder of the client's survives), its media type, kind and tags.
 */
public record ArtifactDescription(String name, String fileName, String mimeType, ArtifactType type, List<String> tags) {

    static final int MAX_NAME = 255;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;

    /** The last segment of a client's path ({@code C:\fakepath\a.txt} and {@code ../../a.txt} are {@code a.txt}). */
    public static String baseName(String clientName) {
        String name = clientName == null ? "" : clientName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "file";
        }
        return name.length() > MAX_NAME ? name.substring(name.length() - MAX_NAME) : name;
    }

    /** The media type a file name suggests, for files that come without one. */
    public static String mimeTypeOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (extension) {
            case "txt", "log" -> "text/plain";
            case "md" -> "text/markdown";
            case "html", "htm" -> "text/html";
            case "csv" -> "text/csv";
            case "json" -> "application/json";
            case "xml" -> "application/xml";
            case "yaml", "yml" -> "application/yaml";
            case "pdf" -> "application/pdf";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "svg" -> "image/svg+xml";
            case "zip" -> "application/zip";
            case "gz", "tgz" -> "application/gzip";
            case "tar" -> "application/x-tar";
            default -> "application/octet-stream";
        };
    }

    String tagsJson() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        tags.forEach(list::add);
        return list.build().toString();
    }
}
