package io.orchestrator.blocks;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.Jsonp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockTagsTest {

    @Test
    void aCommaSeparatedStringIsTrimmedAndDeduplicatedInOrder() {
        FieldErrors errors = new FieldErrors();
        assertEquals(
                Optional.of(List.of("intro", "greeting")),
                BlockTags.read(Jsonp.JSON.createValue(" intro, greeting,,intro , "), "tags", errors));
        assertTrue(errors.isEmpty());
    }

    @Test
    void aListIsTrimmedAndDeduplicated() {
        assertEquals(
                Optional.of(List.of("a", "b")),
                BlockTags.read(json("[' a', 'b', 'a ', '']"), "tags", new FieldErrors()));
    }

    @Test
    void wrongShapesAndLongTagsAreReported() {
        FieldErrors errors = new FieldErrors();
        assertEquals(Optional.empty(), BlockTags.read(json("[1]"), "tags", errors));
        assertEquals(Optional.empty(), BlockTags.read(json("{'a': 1}"), "x", errors));
        assertEquals(Optional.empty(), BlockTags.read(json("['a,b']"), "y", errors));
        assertEquals(Optional.empty(), BlockTags.read(Jsonp.JSON.createValue("t".repeat(51)), "z", errors));
        assertEquals(4, errors.count());
    }

    @Test
    void storedFramedByCommasAndReadBack() {
        assertEquals(",intro,greeting,", BlockTags.stored(List.of("intro", "greeting")));
        assertEquals("", BlockTags.stored(List.of()));
        assertEquals(List.of("intro", "greeting"), BlockTags.fromStored(",intro,greeting,"));
        assertEquals(List.of(), BlockTags.fromStored(""));
    }

    @Test
    void folderPathsAreWrittenOneWay() {
        assertEquals("Common/Greetings", BlockFolders.normalized(" /Common // Greetings/ "));
        assertEquals("", BlockFolders.normalized("/"));
    }
}
