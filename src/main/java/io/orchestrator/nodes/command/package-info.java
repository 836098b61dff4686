/**
 * Running programs for the {@code command} node: {@link io.orchestrator.nodes.command.AllowedCommands}
 * decides which executables may start at all (none unless the administrator lists them),
 * {@link io.orchestrator.nodes.command.RunDirectories} gives each run its own directory under the data
 * directory, {@link io.orchestrator.nodes.command.CommandProcess} starts the program without a shell
 * and kills its whole process tree on stop or timeout, and
 * {@link io.orchestrator.nodes.command.CommandOutput} reads its lines into a bounded stored log, the
 * live log on the WebSocket and the steps its {@code ::step::Name} lines start.
 */
package io.orchestrator.nodes.command;
