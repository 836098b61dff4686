/**
 * The runs API: the history of executions the engine wrote (table {@code run}, one row per run,
 * and {@code node_execution}, one row per attempt of a node), read here through JPA; deleting,
 * rewinding, forking and exporting runs. The engine owns the writes of a run under way; this
 * package only reads them, deletes finished history, and hands rewind, fork and stop to the engine.
 */
package io.orchestrator.runs;
