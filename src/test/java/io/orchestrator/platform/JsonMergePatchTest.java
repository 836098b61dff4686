package io.orchestrator.platform;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonMergePatchTest {

    private static void assertPatched(String expected, String target, String patch) {
        assertEquals(object(expected), JsonMergePatch.apply(object(target), object(patch)));
    }

    @Test
    void replacesThePatchedKeysAndKeepsTheOthers() {
        assertPatched(
                "{'name': 'new', 'description': 'kept'}", "{'name': 'old', 'description': 'kept'}", "{'name': 'new'}");
    }

    @Test
    void addsKeysTheTargetLacks() {
        assertPatched("{'a': 1, 'b': 2}", "{'a': 1}", "{'b': 2}");
    }

    @Test
    void removesAKeySetToNull() {
        assertPatched("{'a': 1}", "{'a': 1, 'b': 2}", "{'b': null}");
    }

    @Test
    void removingAnAbsentKeyChangesNothing() {
        assertPatched("{'a': 1}", "{'a': 1}", "{'zzz': null}");
    }

    @Test
    void anEmptyPatchChangesNothing() {
        assertPatched("{'a': {'b': 1}}", "{'a': {'b': 1}}", "{}");
    }

    @Test
    void replacesANestedObjectWholeAtTheTopLevel() {
        assertPatched(
                "{'settings': {'retry': 3}}", "{'settings': {'timeout': 5, 'retry': 1}}", "{'settings': {'retry': 3}}");
    }
}
