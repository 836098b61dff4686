package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void idsAreVersion7UuidsThatSortByCreationTimeAndDoNotRepeat() throws InterruptedException {
        String earlier = RunIds.next();
        Thread.sleep(2);
        String later = RunIds.next();

        UUID parsed = UUID.fromString(earlier);
        assertEquals(7, parsed.version());
        assertEquals(2, parsed.variant());
        assertTrue(earlier.compareTo(later) < 0, earlier + " sorts before " + later);
        long millis = parsed.getMostSignificantBits() >>> 16;
        assertTrue(Math.abs(System.currentTimeMillis() - millis) < 60_000, "the id carries the time it was made");

        Set<String> many = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(RunIds.next());
        }
        assertEquals(100_000, many.size());
    }
}
