package io.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orchestrator.blocks.PromptBlockLookup;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptRenderingTest {

    private final LlmTestDoubles.Blocks blocks =
            new LlmTestDoubles.Blocks().add("b1", "Tone", "Warm.").add("b2", "Rules", "No jargon.");

    @Test
    void blocksGoBeforeThePromptInTheirOrderThenFeedbackLast() throws Exception {
        List<ChatMessage> messages = PromptRendering.messages(
                "Be {{block:Tone}}", "Write {{block:Rules}}", List.of("b2", "b1"), "Shorter", blocks);

        assertEquals(
                List.of(
                        ChatMessage.system("Be Warm."),
                        ChatMessage.user("No jargon.\n\nWarm.\n\nWrite No jargon."),
                        ChatMessage.user("Shorter")),
                messages);
    }

    @Test
    void anEmptySystemPromptSendsNoSystemMessage() throws Exception {
        assertEquals(List.of(ChatMessage.user("Hi")), PromptRendering.messages("  ", "Hi", List.of(), null, blocks));
    }

    @Test
    void anUnknownBlockIsRefused() {
        assertThrows(
                PromptBlockLookup.UnknownBlock.class,
                () -> PromptRendering.messages("", "{{block:Missing}}", List.of(), null, blocks));
        assertThrows(
                PromptBlockLookup.UnknownBlock.class,
                () -> PromptRendering.messages("", "Hi", List.of("nope"), null, blocks));
    }
}
