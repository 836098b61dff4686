package io.orchestrator.engine.webhooks;

import io.orchestrator.engine.RunStatus;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletionStage;

/** A run a webhook started on the caller's thread, as far as the answer to the call needs it. */
interface StartedRun {

    String id();

    RunStatus status();

    String error();

    /** The output of the node that completed last: the run's result. */
    JsonValue lastOutput();

    /** Completes once the run's final state is durable. */
    CompletionStage<?> whenFinished();

    /** Completes with a respond-webhook node's answer, or with null when the run ended or paused without one. */
    CompletionStage<JsonObject> whenAnswered();
}
