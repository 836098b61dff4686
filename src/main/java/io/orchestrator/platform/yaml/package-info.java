/**
 * YAML in and out, in one place: {@link io.orchestrator.platform.yaml.YamlReader} reads a client's
 * document safely into JSON-P values (no tags, aliases bounded, numbers exact), and
 * {@link io.orchestrator.platform.yaml.YamlWriter} writes JSON-P values as YAML that the reader
 * reads back to the same values. Exports choose between JSON and YAML with
 * {@link io.orchestrator.platform.yaml.ExportFormat}.
 */
package io.orchestrator.platform.yaml;
