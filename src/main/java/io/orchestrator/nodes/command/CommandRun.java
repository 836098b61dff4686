package io.orchestrator.nodes.command;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.platform.FailureText;
import io.orchestrator.platform.NumberLimits;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Pattern;

/** One attempt of a command node: the program, where it runs, its environment and time. */
public record CommandRun(
        List<String> argv,
        Path workingDirectory,
        Map<String, String> environment,
        long timeoutMillis,
        List<String> collect) {

    /** A line longer than this (in bytes of UTF-8) is cut in the log, the live log and the tails. */
    static final int MAX_LINE_BYTES = 16 * 1024;

    private static final int MAX_ARGUMENTS = 1_000;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** The program and its arguments from the resolved {@code command} field: a list of strings (numbers are written out). */
    public static List<String> argv(JsonValue command) throws NodeFailure {
        if (!(command instanceof JsonArray list) || list.isEmpty()) {
            throw new NodeFailure(
                    ErrorType.VALIDATION,
                    "command must be a list: the program, then its arguments, such as [\"python3\", \"script.py\"].");
        }
        if (list.size() > MAX_ARGUMENTS) {
            throw new NodeFailure(ErrorType.VALIDATION, "command has more than " + MAX_ARGUMENTS + " items.");
        }
        List<String> argv = new ArrayList<>(list.size());
        for (JsonValue item : list) {
            String text = switch (item.getValueType()) {
                case STRING -> ((JsonString) item).getString();
                case NUMBER -> argument((JsonNumber) item);
                case TRUE, FALSE -> item.toString();
                default ->
                    throw new NodeFailure(
                            ErrorType.VALIDATION,
                            "command item " + (argv.size() + 1) + " is "
                                    + item.getValueType().name().toLowerCase(java.util.Locale.ROOT)
                                    + "; each item must be a text.");
            };
            if (text.indexOf('\0') >= 0) {
                throw new NodeFailure(
                        ErrorType.VALIDATION, "command item " + (argv.size() + 1) + " holds a NUL character.");
            }
            argv.add(text);
        }
        argv.set(0, argv.get(0).trim());
        if (argv.get(0).isEmpty()) {
            throw new NodeFailure(ErrorType.VALIDATION, "command's first item, the program, is empty.");
        }
        return List.copyOf(argv);
    }

    /** A number as its plain digits, unless it is past the limits (1e100000000 would write out a hundred million). */
    private static String argument(JsonNumber number) throws NodeFailure {
        try {
            return NumberLimits.checked(number.bigDecimalValue()).toPlainString();
        } catch (ArithmeticException outOfRange) {
            throw new NodeFailure(ErrorType.VALIDATION, "command holds " + outOfRange.getMessage() + ".");
        }
    }

    /**
     * The program's environment: not the server's (it may hold database passwords and keys), but
     * PATH, LANG, TMPDIR as the server has them, HOME in the run's directory, the run's ids, then
     * the node's {@code environment}, which wins. Nothing changes how the program buffers its output:
     * Python, for one, writes to a pipe in blocks unless run with {@code -u} or PYTHONUNBUFFERED=1
     * (which makes a program printing much twice as slow; measured in docs/PERFORMANCE.md).
     */
    public static Map<String, String> environment(JsonValue given, String workflowId, String runId, String nodeId)
            throws NodeFailure {
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, String> server = System.getenv();
        environment.put("PATH", server.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        environment.put("LANG", server.getOrDefault("LANG", "C.UTF-8"));
        environment.put("TMPDIR", server.getOrDefault("TMPDIR", "/tmp"));
        environment.put("ORCHESTRATOR_WORKFLOW_ID", workflowId);
        environment.put("ORCHESTRATOR_RUN_ID", runId);
        environment.put("ORCHESTRATOR_NODE_ID", nodeId);
        if (given instanceof JsonObject variables) {
            for (var variable : variables.entrySet()) {
                if (!VARIABLE_NAME.matcher(variable.getKey()).matches()) {
                    throw new NodeFailure(
                            ErrorType.VALIDATION,
                            "environment variable '" + variable.getKey()
                                    + "' is not a valid name (letters, digits and _, not starting with a digit).");
                }
                JsonValue value = variable.getValue();
                String text = value instanceof JsonString string ? string.getString() : value.toString();
                if (text.indexOf('\0') >= 0) {
                    throw new NodeFailure(
                            ErrorType.VALIDATION,
                            "environment variable '" + variable.getKey() + "' holds a NUL character.");
                }
                environment.put(variable.getKey(), text);
            }
        } else if (given != null && given.getValueType() != JsonValue.ValueType.NULL) {
            throw new NodeFailure(ErrorType.VALIDATION, "environment must be an object of name to value.");
        }
        return environment;
    }

    /** The globs of the resolved {@code collect} field (a list of texts, or one text); each must stay inside. */
    public static List<String> collect(JsonValue given) throws NodeFailure {
        List<String> globs = new ArrayList<>();
        if (given instanceof JsonString one) {
            globs.add(one.getString());
        } else if (given instanceof JsonArray list) {
            for (JsonValue item : list) {
                if (!(item instanceof JsonString glob)) {
                    throw new NodeFailure(ErrorType.VALIDATION, "collect must be a list of globs such as *.csv.");
                }
                globs.add(glob.getString());
            }
        } else if (given != null && given.getValueType() != JsonValue.ValueType.NULL) {
            throw new NodeFailure(ErrorType.VALIDATION, "collect must be a list of globs such as *.csv.");
        }
        for (String glob : globs) {
            String problem = CollectGlobs.problemWith(glob);
            if (problem != null) {
                throw new NodeFailure(ErrorType.VALIDATION, "collect: " + problem);
            }
        }
        return List.copyOf(globs);
    }

    /** Where the run's files and logs go once the command has ended. */
    public record Keeping(CommandArtifacts artifacts, String workflowId, String runId, String nodeId) {}

    /**
     * Runs the program to its end: exit code 0 is the node's output on the default route; another
     * code, a timeout or a stop fails the node with that output as the failure's details. Either
     * way the collected files and the stored log are kept as artifacts first.
     */
    public NodeOutcome execute(
            Path logFile,
            long maxLogBytes,
            CommandLogs.LiveLog live,
            ThreadFactory threads,
            Clock clock,
            Keeping keeping)
            throws NodeFailure {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().put("HOME", workingDirectory.toString());
        builder.environment().putAll(environment);
        CommandOutput output = new CommandOutput(logFile, maxLogBytes, live, clock);
        long started = clock.millis();
        CommandProcess.Ended ended;
        try {
            ended = CommandProcess.run(builder, output, threads, timeoutMillis, MAX_LINE_BYTES);
        } catch (IOException notStarted) {
            output.finish(false);
            throw new NodeFailure(
                    ErrorType.COMMAND_FAILED,
                    "Could not start '" + argv.get(0) + "': " + FailureText.of(notStarted, "the system refused"),
                    output.toJson(-1, clock.millis() - started),
                    notStarted);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            output.finish(false);
            throw new NodeFailure(
                    ErrorType.CANCELLED,
                    "The command was stopped; its process tree was killed.",
                    output.toJson(-1, clock.millis() - started),
                    stopped);
        }
        output.finish(ended.exitCode() == 0 && !ended.timedOut());
        JsonObject result = JSON.createObjectBuilder(output.toJson(ended.exitCode(), clock.millis() - started))
                .addAll(JSON.createObjectBuilder(keep(keeping, logFile)))
                .build();
        if (ended.timedOut()) {
            throw new NodeFailure(
                    ErrorType.TIMEOUT,
                    "The command did not end within " + timeoutMillis + " ms; its process tree was killed.",
                    result,
                    null);
        }
        if (ended.exitCode() != 0) {
            String said = output.tail(OutputChannel.STDERR)
                    .lines()
                    .reduce((first, last) -> last)
                    .orElse("");
            said = said.length() > 300 ? said.substring(0, 300) + "…" : said;
            throw new NodeFailure(
                    ErrorType.COMMAND_FAILED,
                    "The command exited with code " + ended.exitCode() + (said.isBlank() ? "." : ": " + said),
                    result,
                    null);
        }
        return NodeOutcome.of(result);
    }

    /**
     * {@code {log_artifact, artifacts, not_kept}}: the stored log and the collected files as
     * artifacts; a file that cannot be kept (too large, unreadable) is named in {@code not_kept}
     * with the reason, and does not fail the node.
     */
    private JsonObject keep(Keeping keeping, Path logFile) {
        JsonArrayBuilder kept = JSON.createArrayBuilder();
        JsonArrayBuilder notKept = JSON.createArrayBuilder();
        JsonValue logArtifact = JsonValue.NULL;
        try {
            logArtifact =
                    keeping.artifacts().keep(keeping.workflowId(), keeping.runId(), keeping.nodeId(), logFile, true);
        } catch (IOException | RuntimeException failed) {
            notKept.add(notKept("log", failed));
        }
        try {
            List<Path> files = CollectGlobs.find(workingDirectory, collect, logFile.getParent());
            for (Path file : files.subList(0, Math.min(files.size(), CollectGlobs.MAX_FILES))) {
                try {
                    kept.add(keeping.artifacts()
                            .keep(keeping.workflowId(), keeping.runId(), keeping.nodeId(), file, false));
                } catch (IOException | RuntimeException failed) {
                    notKept.add(notKept(workingDirectory.relativize(file).toString(), failed));
                }
            }
            if (files.size() > CollectGlobs.MAX_FILES) {
                notKept.add(JSON.createObjectBuilder()
                        .add("file", "…")
                        .add("reason", "only the first " + CollectGlobs.MAX_FILES + " files the globs match are kept"));
            }
        } catch (IOException | RuntimeException failed) {
            notKept.add(notKept("collect", failed));
        }
        return JSON.createObjectBuilder()
                .add("log_artifact", logArtifact)
                .add("artifacts", kept)
                .add("not_kept", notKept)
                .build();
    }

    private static JsonObject notKept(String file, Exception failed) {
        return JSON.createObjectBuilder()
                .add("file", file)
                .add("reason", FailureText.of(failed, "it could not be read"))
                .build();
    }
}
