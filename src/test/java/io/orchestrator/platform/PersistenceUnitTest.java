package io.orchestrator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
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
 * persistence.xml lists the entities instead of having Hibernate read every class of the WAR at each
 * start: the list must hold every {@code @Entity} class the build compiles, and nothing else.
 */
class PersistenceUnitTest {

    private static final Pattern LISTED = Pattern.compile("<class>\\s*([\\w.$]+)\\s*</class>");

    @Test
    void listsExactlyTheEntityClasses() throws Exception {
        assertEquals(compiledEntities(), listedClasses());
    }

    private static Set<String> listedClasses() throws IOException {
        try (InputStream xml = PersistenceUnitTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
            Matcher matcher = LISTED.matcher(new String(xml.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> listed = new TreeSet<>();
            while (matcher.find()) {
                listed.add(matcher.group(1));
            }
            return listed;
        }
    }

    private static Set<String> compiledEntities() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(OrchestratorApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> entities = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String relative = classes.relativize(file).toString();
                String name = relative.substring(0, relative.length() - ".class".length())
                        .replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = Class.forName(name, false, PersistenceUnitTest.class.getClassLoader());
                if (type.isAnnotationPresent(Entity.class)) {
                    entities.add(name);
                }
            }
        }
        return entities;
    }
}
