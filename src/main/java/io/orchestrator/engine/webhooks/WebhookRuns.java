package io.orchestrator.engine.webhooks;

import io.orchestrator.engine.GraphSnapshot;
import io.orchestrator.engine.LiveRun;
import io.orchestrator.engine.RunAdmission;
import io.orchestrator.engine.RunLauncher;
import io.orchestrator.engine.RunStatus;
import io.orchestrator.engine.TriggerType;
import io.orchestrator.engine.journal.RunJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletionStage;

/** Starts the runs webhook calls ask for: the trigger's one way into the engine. */
@ApplicationScoped
public class WebhookRuns {

    @Inject
    RunLauncher launcher;

    @Inject
    RunJournal journal;

    @Inject
    RunAdmission admission;

    /**
     * A run that goes on after the answer; its id once the run is stored, so that the id outlives a
     * crash. Nothing makes its caller wait for the run, so it waits for room in the engine instead.
     */
    String startDurably(GraphSnapshot graph, GraphSnapshot.Node webhook, JsonValue input) {
        admission.awaitRoom();
        LiveRun run = launcher.startNow(graph, webhook, TriggerType.WEBHOOK, input, null, null, false);
        journal.durable(run.id()).join();
        return run.id();
    }

    /** A run that executes on the caller's thread, for an answer made of its result. */
    StartedRun startInline(GraphSnapshot graph, GraphSnapshot.Node webhook, JsonValue input) {
        return new Live(launcher.startNow(graph, webhook, TriggerType.WEBHOOK, input, null, null, true));
    }

    private record Live(LiveRun run) implements StartedRun {
        @Override
        public String id() {
            return run.id();
        }

        @Override
        public RunStatus status() {
            return run.status();
        }

        @Override
        public String error() {
            return run.error();
        }

        @Override
        public JsonValue lastOutput() {
            return run.lastOutput();
        }

        @Override
        public CompletionStage<?> whenFinished() {
            return run.whenFinished();
        }

        @Override
        public CompletionStage<JsonObject> whenAnswered() {
            return run.whenAnswered();
        }
    }
}
