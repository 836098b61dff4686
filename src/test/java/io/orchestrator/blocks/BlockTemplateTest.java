package io.orchestrator.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BlockTemplateTest {

    private static final Map<String, String> STORED = Map.of(
            "Intro", "Hello, reader.",
            "Tone", "Be brief.",
            "Loop", "again {{block:Loop}} and {{block:Intro}}",
            "Dollars", "costs $5 \\o/");

    private static Function<Set<String>, Map<String, String>> stored(List<Set<String>> asked) {
        return titles -> {
            asked.add(titles);
            Map<String, String> found = new HashMap<>();
            titles.stream().filter(STORED::containsKey).forEach(title -> found.put(title, STORED.get(title)));
            return found;
        };
    }

    @Test
    void everyReferenceIsReplacedByItsContent() throws Exception {
        String expanded = BlockTemplate.expand(
                "{{block:Intro}}\nWrite about ${input.topic}. {{block:Tone}} {{block:Intro}}",
                stored(new ArrayList<>()));

        assertEquals("Hello, reader.\nWrite about ${input.topic}. Be brief. Hello, reader.", expanded);
    }

    @Test
    void whitespaceAroundTheTitleIsTrimmedButTheTitleIsExact() throws Exception {
        assertEquals("Be brief.", BlockTemplate.expand("{{ block:  Tone  }}", stored(new ArrayList<>())));
        PromptBlockLookup.UnknownBlock unknown = assertThrows(
                PromptBlockLookup.UnknownBlock.class,
                () -> BlockTemplate.expand("{{block:tone}}", stored(new ArrayList<>())));
        assertTrue(unknown.getMessage().contains("'tone'"), unknown.getMessage());
    }

    @Test
    void aBlockThatNamesABlockIsInsertedAsItIsNotExpandedAgain() throws Exception {
        assertEquals(
                "<again {{block:Loop}} and {{block:Intro}}>",
                BlockTemplate.expand("<{{block:Loop}}>", stored(new ArrayList<>())));
    }

    @Test
    void contentIsInsertedLiterallyEvenWithReplacementSigns() throws Exception {
        assertEquals("costs $5 \\o/", BlockTemplate.expand("{{block:Dollars}}", stored(new ArrayList<>())));
    }

    @Test
    void anUnknownTitleIsNamed() {
        PromptBlockLookup.UnknownBlock unknown = assertThrows(
                PromptBlockLookup.UnknownBlock.class,
                () -> BlockTemplate.expand("{{block:Intro}} {{block:Missing one}}", stored(new ArrayList<>())));

        assertEquals("No prompt block is titled 'Missing one'", unknown.getMessage());
    }

    @Test
    void theTitlesAreLookedUpOnceTogetherAndNotAtAllWithoutReferences() throws Exception {
        List<Set<String>> asked = new ArrayList<>();
        BlockTemplate.expand("{{block:Intro}}{{block:Tone}}{{block:Intro}}", stored(asked));
        assertEquals(List.of(Set.of("Intro", "Tone")), asked);

        String plain = "no blocks here {{ input }} {block:Intro}";
        assertSame(plain, BlockTemplate.expand(plain, stored(asked)));
        assertEquals(1, asked.size());
    }

    @Test
    void aReferenceDoesNotSpanLines() throws Exception {
        String text = "{{block:Intro\n}}";
        assertEquals(text, BlockTemplate.expand(text, stored(new ArrayList<>())));
    }
}
