/**
 * The node types. Each type is one CDI bean implementing {@link io.orchestrator.nodes.NodeType}: it
 * describes itself (key, category, form, routes) and checks its own form values; the registry finds
 * them all, so adding a type is adding one class. Running them belongs to the engine.
 */
package io.orchestrator.nodes;
