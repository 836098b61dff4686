package io.orchestrator.platform.yaml;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlReaderTest {

    private static JsonValue read(String yaml) {
        return YamlReader.read(yaml, 64, 1_000_000);
    }

    private static ApiException refused(String yaml) {
        ApiException refused = assertThrows(ApiException.class, () -> read(yaml));
        assertEquals(ErrorCode.INVALID_REQUEST, refused.code(), refused.getMessage());
        return refused;
    }

    @Test
    void coreSchemaTypesBecomeJsonValues() {
        assertEquals(
                json("{'s': 'text', 'q': '42', 'i': 42, 'f': 1.5, 't': true, 'F': false, 'n': null, 'tilde': null,"
                        + " 'yes': 'yes', 'list': [1, 'two', {'k': []}], 'empty': {}, 'hex': 31, 'oct': 15,"
                        + " 'block': 'line one\\nline two\\n', 'key 1': 'k'}"),
                read("""
                        s: text
                        q: "42"
                        i: 42
                        f: 1.5
                        t: True
                        F: false
                        n: null
                        tilde: ~
                        yes: yes
                        list: [1, two, {k: []}]
                        empty: {}
                        hex: 0x1F
                        oct: 0o17
                        block: |
                          line one
                          line two
                        key 1: k
                        """));
    }

    @Test
    void numbersAreExact() {
        JsonObject numbers =
                read("big: 123456789012345678901234567890\nprecise: 0.1000000000000000000000001\ne: 1E+3\n")
                        .asJsonObject();
        assertEquals(
                new BigInteger("123456789012345678901234567890"),
                numbers.getJsonNumber("big").bigIntegerValueExact());
        assertEquals(
                new BigDecimal("0.1000000000000000000000001"),
                numbers.getJsonNumber("precise").bigDecimalValue());
        assertEquals("1E+3", numbers.getJsonNumber("e").toString());
        assertTrue(numbers.get("big") instanceof JsonNumber);
    }

    @Test
    void anEmptyDocumentIsNull() {
        assertEquals(JsonValue.NULL, read(""));
        assertEquals(JsonValue.NULL, read("# only a comment\n"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a: !!python/object:os.system ls",
                "a: !!str 12",
                "a: !custom x",
                "a: ! 12",
                "a: !!map {b: 1}",
                "s: !!set {a, b}",
                "a: !<tag:yaml.org,2002:int> 3"
            })
    void tagsAreRefusedNamingTheLine(String yaml) {
        ApiException refused = refused("ok: 1\n" + yaml + "\n");
        assertTrue(refused.getMessage().contains("tags are not accepted"), refused.getMessage());
        assertEquals(2, refused.details().getInt("line"), refused.getMessage());
    }

    @Test
    void malformedYamlSaysWhere() {
        ApiException refused = refused("a: 1\nb: [1, 2\nc: 3\n");
        assertTrue(refused.getMessage().startsWith("Malformed YAML"), refused.getMessage());
        assertTrue(refused.details().getInt("line") >= 2, refused.details().toString());
        assertTrue(refused.details().containsKey("column"));

        ApiException badIndent = refused("a:\n  b: 1\n c: 2\n");
        assertEquals(3, badIndent.details().getInt("line"), badIndent.getMessage());
    }

    @Test
    void aliasesWithinTheLimitAreExpanded() {
        assertEquals(json("{'base': {'x': 1}, 'copy': {'x': 1}}"), read("base: &b {x: 1}\ncopy: *b\n"));
    }

    @Test
    void aBillionLaughsIsRefusedQuickly() {
        StringBuilder yaml =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
        }
        long start = System.nanoTime();
        ApiException refused = refused(yaml.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(refused.getMessage().contains("expands to more than"), refused.getMessage());
        assertTrue(millis < 1000, "refused in " + millis + " ms");
    }

    @Test
    void aDoublingChainWithFewAliasesIsRefusedToo() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
        for (int level = 1; level <= 40; level++) {
            yaml.append("l")
                    .append(level)
                    .append(": &l")
                    .append(level)
                    .append(" [*l")
                    .append(level - 1)
                    .append(", *l")
                    .append(level - 1)
                    .append("]\n");
        }
        assertTrue(refused(yaml.toString()).getMessage().contains("expands to more than"));
    }

    @Test
    void aSelfReferenceOrUnknownAliasIsRefused() {
        assertTrue(refused("a: &a [*a]\n").getMessage().contains("names no anchor"));
        assertTrue(refused("a: *nowhere\n").getMessage().contains("names no anchor"));
    }

    @Test
    void keysAreScalarsOnceEach() {
        assertTrue(refused("a: 1\na: 2\n").getMessage().contains("appears twice"));
        assertTrue(refused("? [a]\n: 1\n").getMessage().contains("mapping key"));
    }

    @Test
    void infinityAndNotANumberAreRefused() {
        assertTrue(refused("x: .inf\n").getMessage().contains("no number"));
        assertTrue(refused("x: .nan\n").getMessage().contains("no number"));
    }

    @Test
    void depthAndSizeAreBounded() {
        assertTrue(refused("[".repeat(70) + "]".repeat(70)).getMessage().contains("nested deeper"));
        ApiException tooLong =
                assertThrows(ApiException.class, () -> YamlReader.read("a: " + "x".repeat(200), 64, 100));
        assertEquals(ErrorCode.INVALID_REQUEST, tooLong.code());
    }

    /**
     * Scalars as long as a body may be, each one token the parser scans ahead through: before the
     * reader gave the parser the whole text at once, the 1.8 MB plain one took over 20 s of CPU
     * (its window copied once per 1,024 characters read).
     */
    @Test
    void scalarsAsLongAsABodyAreReadWhole() {
        String plain = "a".repeat(1_800_000);
        assertEquals(json("{'name': '" + plain + "'}"), YamlReader.read("name: " + plain + "\n", 64, 2_000_000));
        String quoted = "b".repeat(1_800_000);
        assertEquals(json("{'name': '" + quoted + "'}"), YamlReader.read("name: \"" + quoted + "\"\n", 64, 2_000_000));
        String key = "k".repeat(1_800_000);
        ApiException longKey = assertThrows(ApiException.class, () -> YamlReader.read(key + ": v\n", 64, 2_000_000));
        assertEquals(ErrorCode.INVALID_REQUEST, longKey.code());
    }

    /** Many small values and a document nested to the limit, together near the body limit. */
    @Test
    void manyValuesAndDeepNestingAreReadWhole() {
        int items = 100_000;
        JsonValue list = YamlReader.read("[" + "ab, ".repeat(items) + "end]", 64, 2_000_000);
        assertEquals(items + 1, list.asJsonArray().size());
        assertEquals("end", list.asJsonArray().getString(items));
        String deep = "[".repeat(64) + "x" + "]".repeat(64);
        JsonValue nested = read(deep);
        for (int level = 1; level < 64; level++) {
            nested = nested.asJsonArray().get(0);
        }
        assertEquals(json("['x']"), nested);
    }

    @Test
    void moreThanOneDocumentIsRefused() {
        assertTrue(refused("a: 1\n---\nb: 2\n").getMessage().contains("more than one document"));
    }

    @Test
    void whatTheWriterWritesReadsBackTheSame() {
        JsonValue document = json(
                "{'text': 'multi\\nline\\n\\n', 'quoted': 'yes', 'num': '1.5', 'n': 1.50, 'big': 12345678901234567890,"
                        + " 'neg': -3, 'e': 2.5E-7, 'nested': [{'a': null, 'b': [true, false]}, [], {}], 'odd key: x': '#not a comment',"
                        + " 'unicode': 'é ✓ \\u2028', 'tab': 'a\\tb', 'empty': ''}");
        assertEquals(document, read(YamlWriter.write(document)));
    }
}
