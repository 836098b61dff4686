package io.orchestrator.blocks;

import io.orchestrator.platform.ApiException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Folder paths are slash-separated names ({@code Common/Greetings}), written one way only: segments
 * trimmed, no empty segment, no leading or trailing slash; the root is the empty path. So a folder
 * filter matches the path itself and every path under {@code path + "/"}.
 */
final class BlockFolders {

    static final int MAX_LENGTH = 500;

    private BlockFolders() {}

    static String normalized(String path) {
        String normalized = Arrays.stream(path.split("/"))
                .map(String::trim)
                .filter(segment -> !segment.isEmpty())
                .collect(Collectors.joining("/"));
        if (normalized.length() > MAX_LENGTH) {
            throw ApiException.invalidRequest("folder must be at most " + MAX_LENGTH + " characters");
        }
        return normalized;
    }
}
