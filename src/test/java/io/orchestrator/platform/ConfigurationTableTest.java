package io.orchestrator.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every ORCHESTRATOR_* variable the server reads (in server.xml and its includes, server.env,
 * jvm.options, MicroProfile Config properties, System.getenv, or named in a message) has a row in
 * the README's configuration table, so that an operator finds every setting in one place. The
 * variables the server gives to the programs of command nodes are not settings; the README names
 * them with the command node.
 */
class ConfigurationTableTest {

    private static final Pattern VARIABLE = Pattern.compile("ORCHESTRATOR_[A-Z][A-Z0-9_]*");
    /** Set by the server for a command node's program (nodes/command/CommandRun), not read by it. */
    private static final Set<String> GIVEN_TO_COMMANDS =
            Set.of("ORCHESTRATOR_WORKFLOW_ID", "ORCHESTRATOR_RUN_ID", "ORCHESTRATOR_NODE_ID");

    @Test
    void everyVariableTheServerReadsHasARowInTheReadmesConfigurationTable() {
        Set<String> read = new TreeSet<>();
        Stream.of(Path.of("src", "main"), Path.of("liberty")).forEach(root -> read.addAll(variablesUnder(root)));
        read.removeAll(GIVEN_TO_COMMANDS);
        assertTrue(read.size() > 20, () -> "the sources were found: " + read);

        Set<String> documented = tableRows();
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(documented);
        assertTrue(
                missing.isEmpty(),
                () -> "variables without a row in the README's Configuration table (| `NAME` | default | meaning |): "
                        + missing);
    }

    @Test
    void theVariablesGivenToCommandsAreNamedWithTheCommandNode() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("`ORCHESTRATOR_WORKFLOW_ID`/`_RUN_ID`/`_NODE_ID`"), "the command node's section");
    }

    /** The variables named in the first cell of a row of the README's Configuration section. */
    private static Set<String> tableRows() {
        String readme;
        try {
            readme = Files.readString(Path.of("README.md"));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        int start = readme.indexOf("\n## Configuration\n");
        assertTrue(start >= 0, "the README has a Configuration section");
        int end = readme.indexOf("\n## ", start + 1);
        Set<String> names = new TreeSet<>();
        readme.substring(start, end < 0 ? readme.length() : end)
                .lines()
                .filter(line -> line.startsWith("| `ORCHESTRATOR_"))
                .map(line -> line.substring(1, line.indexOf('|', 1)))
                .forEach(cell -> {
                    Matcher name = VARIABLE.matcher(cell);
                    while (name.find()) {
                        names.add(name.group());
                    }
                });
        return names;
    }

    private static Set<String> variablesUnder(Path root) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                Matcher name = VARIABLE.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
                while (name.find()) {
                    names.add(name.group());
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return names;
    }
}
