package io.orchestrator.engine;

import io.orchestrator.engine.journal.JournalEntry;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * What a {@link RunDecisions decision} asks the engine to do, in order. The engine ({@link RunEngine})
 * performs them: journal entries are held for the journal in the order given, and nothing done
 * "once durable" happens before the entries recorded ahead of it are in the database.
 */
sealed interface Effect {

    /** Write a row, or announce an event once what came before is written. */
    record Record(JournalEntry entry) implements Effect {}

    /** Execute this attempt, which the decision has begun (its RUNNING row is recorded). */
    record Execute(Attempt attempt) implements Effect {}

    /** Wake a waiting node at a time (the run holds no thread meanwhile). */
    record ScheduleWake(String nodeId, int attempt, Instant at) implements Effect {}

    /** Start a failed node's next attempt at a time. */
    record ScheduleRetry(String nodeId, int attempt, Instant at) implements Effect {}

    /** The run ended: its wake-ups and retries still scheduled are void. */
    record ForgetSchedules() implements Effect {}

    /** Interrupt the run's attempts executing now: the run ended without them. */
    record InterruptRunning() implements Effect {}

    /** A paused run goes on: hold it in memory and watch its execution timeout again. */
    record Resumed() implements Effect {}

    /** Only waits and retries are left: once durable, the run leaves memory until one fires. */
    record Paused() implements Effect {}

    /** A respond-webhook node answered: once durable, the webhook's caller gets this answer. */
    record WebhookAnswered(JsonObject answer) implements Effect {}

    /**
     * The workflow keeps no node executions for runs that end so (keep_executions): rows not written
     * yet are dropped, rows already written are deleted with the end.
     */
    record DropHistory() implements Effect {}

    /** The run ended: once durable it leaves memory and its waiting callers are answered. */
    record Ended() implements Effect {}
}
