package io.orchestrator.engine.expressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FunctionCatalogTest {

    @Test
    void listsEveryFunctionOnceSortedByName() {
        List<String> listed = FunctionCatalog.ENTRIES.stream()
                .map(FunctionCatalog.Entry::name)
                .toList();
        assertEquals(List.copyOf(new TreeSet<>(ExpressionFunctions.names())), listed);
    }

    @Test
    void eachSignatureCallsItsOwnFunction() {
        FunctionCatalog.ENTRIES.forEach(entry -> assertTrue(
                entry.signature().startsWith(entry.name() + "(")
                        && entry.signature().endsWith(")"),
                entry::toString));
    }
}
