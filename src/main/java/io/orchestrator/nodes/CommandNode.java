package io.orchestrator.nodes;

import io.orchestrator.nodes.command.AllowedCommands;
import io.orchestrator.nodes.command.CommandArtifacts;
import io.orchestrator.nodes.command.CommandLogs;
import io.orchestrator.nodes.command.CommandRun;
import io.orchestrator.nodes.command.RunDirectories;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.OrchestratorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.List;

/**
 * Runs a program with its arguments (never through a shell) in the run's own directory, with its
 * lines live on the WebSocket, a stored log and the steps its {@code ::step::Name} lines start. Off
 * unless {@code ORCHESTRATOR_COMMANDS} lists the executable.
 */
@ApplicationScoped
public class CommandNode implements NodeType {

    public static final String KEY = "command";

    private static final Form FORM = new Form(
            FormField.of("command", FieldType.STRING_LIST)
                    .required()
                    .help("The program, then its arguments, one per item (python3, -c, print('hi')). Never run"
                            + " through a shell: no pipes, globs or $VARIABLES; each item may use ${...}. The program"
                            + " must be listed in the server's ORCHESTRATOR_COMMANDS."),
            FormField.of("working_directory", FieldType.TEXT)
                    .help("A folder inside the run's own directory (created if missing); empty is that directory."),
            FormField.of("environment", FieldType.KEY_VALUE)
                    .help("Variables given to the program, besides PATH, LANG, HOME, TMPDIR and ORCHESTRATOR_RUN_ID."
                            + " The server's own environment is not passed on. PYTHONUNBUFFERED=1 (or python3 -u) shows"
                            + " Python's lines as they are printed."),
            FormField.of("collect", FieldType.STRING_LIST)
                    .help("Globs of files to keep as artifacts of this step, relative to the working directory"
                            + " (*.csv, out/**); the stored log is always kept."),
            FormField.of("timeout_seconds", FieldType.INTEGER)
                    .label("Timeout (s)")
                    .range(1, 86_400)
                    .help("The whole process tree is killed after this; the node's own timeout applies too."));

    @Inject
    OrchestratorConfig config;

    @Inject
    CommandLogs logs;

    @Inject
    CommandArtifacts artifacts;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private AllowedCommands allowed;
    private RunDirectories directories;

    @PostConstruct
    void configure() {
        allowed = AllowedCommands.parse(config.commands());
        directories = new RunDirectories(config.dataDirectory());
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Command";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.ACTION;
    }

    @Override
    public String description() {
        return "Runs a program with live logs and steps; exit code 0 takes the default route, any other the error"
                + " route. Off unless the server allows the program.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public boolean mayBlock() {
        return true;
    }

    @Override
    public List<String> routes(JsonObject formValues) {
        return Routes.DEFAULT_AND_ERROR;
    }

    /** A program the server does not allow is refused when the workflow is saved, not only when it runs. */
    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        if (values.get("command") instanceof JsonArray argv
                && !argv.isEmpty()
                && argv.get(0) instanceof JsonString program
                && !FormValidator.isTemplate(program)) {
            String problem = allowed.problemWith(program.getString().trim());
            if (problem != null) {
                errors.add("command", problem);
            }
        }
        if (values.get("collect") instanceof JsonArray globs) {
            for (JsonValue glob : globs) {
                if (glob instanceof JsonString text && !FormValidator.isTemplate(text)) {
                    try {
                        CommandRun.collect(text);
                    } catch (NodeFailure refused) {
                        errors.add("collect", refused.getMessage());
                    }
                }
            }
        }
    }

    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        List<String> argv = CommandRun.argv(call.resolved("command"));
        String problem = allowed.problemWith(argv.get(0));
        if (problem != null) {
            throw new NodeFailure(ErrorType.COMMAND_REFUSED, problem);
        }
        long timeoutMillis = call.remainingMillis();
        if (call.resolved("timeout_seconds") instanceof JsonNumber seconds) {
            timeoutMillis = Math.min(timeoutMillis, seconds.longValue() * 1000);
        }
        JsonValue directory = call.resolved("working_directory");
        CommandRun run = new CommandRun(
                argv,
                directories.workingDirectory(
                        call.runId(), directory instanceof JsonString text ? text.getString() : ""),
                CommandRun.environment(call.resolved("environment"), call.workflowId(), call.runId(), call.nodeId()),
                timeoutMillis,
                CommandRun.collect(call.resolved("collect")));
        return run.execute(
                directories.logFile(call.runId(), call.nodeId(), call.attempt()),
                config.commandLogMaxBytes(),
                logs.open(call.workflowId(), call.runId(), call.nodeId()),
                threads,
                Clock.systemUTC(),
                new CommandRun.Keeping(artifacts, call.workflowId(), call.runId(), call.nodeId()));
    }
}
