package io.orchestrator.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void theThreeFormsOfOneRange() throws ByteRange.Unsatisfiable {
        assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.of("bytes=0-99", 1_000));
        assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.of("bytes=900-", 1_000));
        assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.of("bytes=-100", 1_000));
        assertEquals(
                Optional.of(new ByteRange(0, 999)),
                ByteRange.of("bytes=-5000", 1_000),
                "a suffix longer than the file");
        assertEquals(Optional.of(new ByteRange(990, 999)), ByteRange.of("bytes=990-5000", 1_000), "cut at the end");
        assertEquals(100, ByteRange.of("bytes=0-99", 1_000).orElseThrow().length());
    }

    @Test
    void noHeaderSeveralRangesOrAnotherUnitMeanTheWholeFile() throws ByteRange.Unsatisfiable {
        assertEquals(Optional.empty(), ByteRange.of(null, 1_000));
        assertEquals(Optional.empty(), ByteRange.of("bytes=0-1,5-6", 1_000));
        assertEquals(Optional.empty(), ByteRange.of("items=0-1", 1_000));
        assertEquals(Optional.empty(), ByteRange.of("bytes=-", 1_000));
    }

    @Test
    void aRangeOutsideTheFileIsUnsatisfiable() {
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.of("bytes=1000-", 1_000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.of("bytes=5-2", 1_000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.of("bytes=-0", 1_000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.of("bytes=0-", 0));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.of("bytes=99999999999999999999-", 10));
    }
}
