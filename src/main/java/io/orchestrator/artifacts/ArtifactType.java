package io.orchestrator.artifacts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What kind of file an artifact is, for filtering and for the canvas's icons. */
public enum ArtifactType {
    DOCUMENT,
    IMAGE,
    DATA,
    LOG,
    ARCHIVE,
    LLM_RESPONSE,
    OTHER;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<ArtifactType> of(String wireName) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(wireName.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** A guess from the media type and the file name, when the uploader names no type. */
    static ArtifactType guess(String mimeType, String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (mimeType.startsWith("image/")) {
            return IMAGE;
        }
        if (name.endsWith(".log")) {
            return LOG;
        }
        if (name.matches(".*\\.(zip|tar|tgz|gz|bz2|xz|7z|jar)$")) {
            return ARCHIVE;
        }
        if (name.matches(".*\\.(csv|tsv|json|jsonl|xml|yaml|yml|parquet|db|sqlite)$")) {
            return DATA;
        }
        if (mimeType.startsWith("text/") || name.matches(".*\\.(pdf|md|html?|docx?|odt|rtf|txt)$")) {
            return DOCUMENT;
        }
        return OTHER;
    }
}
