package io.orchestrator.platform.yaml;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

/** The formats an export (a run, a workflow) comes in: a file to keep or read, so both are indented. */
public enum ExportFormat {
    JSON("json", "application/json"),
    YAML("yaml", "application/yaml");

    private static final JsonWriterFactory PRETTY =
            Jsonp.JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private final String extension;
    private final String mediaType;

    ExportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The {@code format} query parameter; JSON when it is left out. */
    public static ExportFormat named(String name) {
        if (name == null || name.isBlank()) {
            return JSON;
        }
        for (ExportFormat format : values()) {
            if (format.extension.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new ApiException(
                ErrorCode.INVALID_REQUEST,
                "format must be json or yaml",
                new FieldErrors()
                        .add("format", "Unknown format '" + name + "'; use json or yaml.")
                        .toJson());
    }

    public String mediaType() {
        return mediaType;
    }

    /** A file name for the export of what {@code base} names ({@code run-<id>}, ...). */
    public String fileName(String base) {
        return base + "." + extension;
    }

    public String render(JsonObject document) {
        if (this == YAML) {
            return YamlWriter.write(document);
        }
        StringWriter text = new StringWriter();
        try (JsonWriter writer = PRETTY.createWriter(text)) {
            writer.write(document);
        }
        return text.toString();
    }
}
