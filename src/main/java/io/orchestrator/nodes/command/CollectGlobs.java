package io.orchestrator.nodes.command;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a command node keeps: globs relative to its working directory ({@code *.csv},
 * {@code out/**}). A glob cannot reach outside (absolute, or with {@code ..}), and links are not
 * followed, so only files the command wrote inside its run's directory are kept.
 */
final class CollectGlobs {

    /** More files than this are not kept (the node's output says so). */
    static final int MAX_FILES = 100;

    private static final int MAX_DEPTH = 32;

    private CollectGlobs() {}

    /** Why this glob is refused, or null. */
    static String problemWith(String glob) {
        String trimmed = glob.strip();
        if (trimmed.isEmpty()) {
            return "A glob is empty.";
        }
        if (trimmed.startsWith("/") || trimmed.startsWith("\\") || trimmed.matches("^[A-Za-z]:.*")) {
            return "'" + glob + "' is absolute; globs are relative to the working directory, such as *.csv or out/**.";
        }
        for (String segment : trimmed.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "'" + glob + "' leads out of the working directory (..); globs stay inside it.";
            }
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + trimmed);
        } catch (IllegalArgumentException malformed) {
            return "'" + glob + "' is not a valid glob: "
                    + malformed.getMessage().lines().findFirst().orElse("");
        }
        return null;
    }

    /**
     * The regular files under {@code directory} that a glob matches, in path order, at most {@link
     * #MAX_FILES} + 1 (so that the caller can tell there were more); nothing under {@code excluded}.
     */
    static List<Path> find(Path directory, List<String> globs, Path excluded) throws IOException {
        if (globs.isEmpty() || !Files.isDirectory(directory)) {
            return List.of();
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.strip()));
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory, MAX_DEPTH)) {
            files.filter(file -> !file.startsWith(excluded))
                    .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .filter(file -> {
                        Path relative = directory.relativize(file);
                        return matchers.stream().anyMatch(matcher -> matcher.matches(relative));
                    })
                    .sorted()
                    .limit(MAX_FILES + 1L)
                    .forEach(found::add);
        }
        return found;
    }
}
