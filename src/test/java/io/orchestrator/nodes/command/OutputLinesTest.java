package io.orchestrator.nodes.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputLinesTest {

    private static List<String> lines(byte[] bytes, int maxLineChars) throws IOException {
        List<String> lines = new ArrayList<>();
        OutputLines.read(
                new ByteArrayInputStream(bytes),
                maxLineChars,
                (text, offset, length) -> lines.add(new String(text, offset, length, StandardCharsets.UTF_8)));
        return lines;
    }

    private static List<String> lines(String text, int maxLineChars) throws IOException {
        return lines(text.getBytes(StandardCharsets.UTF_8), maxLineChars);
    }

    @Test
    void linesEndAtNewlineOrCarriageReturnNewlineAndTheLastMayHaveNoEnd() throws IOException {
        assertEquals(List.of("one", "two", "", "three", "für"), lines("one\ntwo\r\n\nthree\nfür", 100));
        assertEquals(List.of(), lines("", 100));
    }

    @Test
    void aLineLongerThanTheLimitIsCutThereAndTheRestOfItSkipped() throws IOException {
        String longLine = "x".repeat(20_000);
        List<String> lines = lines("short\n" + longLine + "\nafter\n", 10);
        assertEquals(List.of("short", "xxxxxxxxxx…", "after"), lines);
    }

    @Test
    void malformedUtf8BecomesAReplacementCharacter() throws IOException {
        byte[] bytes = {'a', (byte) 0xff, 'b', '\n'};
        assertEquals(List.of("a\ufffdb"), lines(bytes, 100));
    }
}
