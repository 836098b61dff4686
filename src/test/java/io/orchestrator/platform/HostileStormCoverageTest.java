package io.orchestrator.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.hostile.Endpoint;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input storm (HostileInputIT) varies the endpoints of a hand-kept list; this keeps the
 * list whole, so that a new resource method is stormed from the day it lands instead of when someone
 * remembers the list.
 */
class HostileStormCoverageTest {

    @Test
    void everyResourceMethodIsAnEndpointOfTheStorm() {
        ResourceMethods code = ResourceMethods.scan();
        // The storm names an id by its fixture ({victimToken}) or writes one (default): both fill a parameter.
        Set<String> stormed = Endpoint.ALL.stream()
                .map(endpoint -> key(endpoint.method(), endpoint.template()).replaceAll("\\{[^}]*}", "x"))
                .collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (ResourceMethods.Operation operation : code.operations()) {
            for (String path : operation.paths()) {
                String key = key(operation.httpMethod(), "/" + code.applicationPath() + path);
                Pattern filled = Pattern.compile(Pattern.quote(key).replace("{}", "\\E[^/]+\\Q"));
                if (stormed.stream()
                        .noneMatch(endpoint -> filled.matcher(endpoint).matches())) {
                    missing.add(key + " (" + operation.javaName() + ")");
                }
            }
        }
        assertTrue(
                missing.isEmpty(),
                () -> "resource methods missing from it/hostile/Endpoint.ALL:\n  " + String.join("\n  ", missing));
    }

    /** Method and path, every placeholder alike: the storm names them by fixture, the code by parameter. */
    private static String key(String method, String template) {
        return method.toUpperCase() + " " + template.replaceAll("/{2,}", "/").replaceAll("\\{[^}]*}", "{}");
    }
}
