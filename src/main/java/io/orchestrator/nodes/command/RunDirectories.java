package io.orchestrator.nodes.command;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.platform.FailureText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * Each run's own directory, {@code <data directory>/runs/<run id>/}: command nodes work in it (or in
 * a folder inside it) and keep their logs under its {@code logs/}. A path given by a workflow can
 * never lead out of it.
 */
public final class RunDirectories {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Path root;

    public RunDirectories(Path dataDirectory) {
        this.root = dataDirectory.resolve("runs").toAbsolutePath().normalize();
    }

    /** The run's directory (not created). */
    public Path of(String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return root.resolve(runId);
    }

    /** Where a command node's attempt keeps its stored log: {@code logs/<node id>-<attempt>.log} in the run's directory. */
    public Path logFile(String runId, String nodeId, int attempt) {
        return of(runId).resolve("logs").resolve(nodeId + "-" + attempt + ".log");
    }

    /**
     * The folder {@code relative} inside the run's directory, created if missing; blank means the
     * run's directory itself. An absolute path or one whose {@code ..} leads out is refused.
     */
    public Path workingDirectory(String runId, String relative) throws NodeFailure {
        Path run = of(runId);
        Path folder;
        try {
            Path given = Path.of(relative == null ? "" : relative.trim());
            if (given.isAbsolute()) {
                throw outside(relative);
            }
            folder = run.resolve(given).normalize();
        } catch (InvalidPathException invalid) {
            throw new NodeFailure(
                    ErrorType.VALIDATION,
                    "working_directory '" + relative + "' is not a valid path: " + invalid.getReason());
        }
        if (!folder.startsWith(run)) {
            throw outside(relative);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException failed) {
            throw new NodeFailure(
                    ErrorType.INTERNAL,
                    "Could not create the working directory " + folder + ": " + FailureText.of(failed, "refused"));
        }
        return folder;
    }

    /** Removes the run's directory and everything in it (the run was deleted); nothing if it has none. */
    public void delete(String runId) {
        Path run = of(runId);
        if (!Files.isDirectory(run)) {
            return;
        }
        try {
            Files.walkFileTree(run, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failed) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // deleted meanwhile
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not delete the run directory " + run, failed);
        }
    }

    private static NodeFailure outside(String relative) {
        return new NodeFailure(
                ErrorType.VALIDATION,
                "working_directory must be a folder inside the run's directory, such as 'work' or 'out/data', not '"
                        + relative + "'.");
    }
}
