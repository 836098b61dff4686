package io.orchestrator.platform.yaml;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YamlWriterTest {

    @Test
    void nestedObjectsAndListsAreIndentedBlocks() {
        String yaml = YamlWriter.write(json("{'task_id': 'abc', 'status': 'SUCCESS', 'attempt': 2, 'ok': true,"
                + " 'error': null, 'input': {'a': {'b': 1.5}}, 'tags': ['p', 'q'],"
                + " 'node_executions': [{'node_id': 'n1', 'output': {'v': 1}}, {'node_id': 'n2', 'output': {}}],"
                + " 'matrix': [[1, 2], []], 'empty': []}"));

        assertEquals("""
                task_id: abc
                status: SUCCESS
                attempt: 2
                ok: true
                error: null
                input:
                  a:
                    b: 1.5
                tags:
                  - p
                  - q
                node_executions:
                  - node_id: n1
                    output:
                      v: 1
                  - node_id: n2
                    output: {}
                matrix:
                  -
                    - 1
                    - 2
                  - []
                empty: []
                """, yaml);
    }

    @ParameterizedTest(name = "{0} is quoted")
    @ValueSource(
            strings = {
                "true", "No", "null", "~", "y", "123", "1.5", "0x1F", "2024-01-01T12:00:00.123Z", "550e8400-e29b-41d4",
                "a: b", "a #b", "- item", "trailing ", " leading", "{x}", "[x]", "'single'", "*alias", "&anchor",
                "!tag", "%dir", "@at", "`tick`", "a,b", "?", "|", ">", ""
            })
    void stringsAParserCouldReadOtherwiseAreQuoted(String text) {
        assertEquals("\"" + text + "\"\n", YamlWriter.write(Jsonp.JSON.createValue(text)));
    }

    @ParameterizedTest(name = "{0} stays plain")
    @CsvSource({"SUCCESS", "node_id", "HTTP Request", "webhook", "a.b/c-d", "Transform 2"})
    void plainWordsStayPlain(String text) {
        assertEquals(text + "\n", YamlWriter.write(Jsonp.JSON.createValue(text)));
    }

    @Test
    void quotedStringsUseJsonEscapes() {
        assertEquals(
                "\"say \\\"hi\\\" \\\\ \\t \\r\\n \\u0007 \\u009f é ✓\"\n",
                YamlWriter.write(Jsonp.JSON.createValue("say \"hi\" \\ \t \r\n \u0007 \u009f é ✓")));
    }

    @Test
    void multiLineTextIsALiteralBlockThatKeepsItsLineEnds() {
        JsonValue texts = json("{'none': 'a\\n  b', 'one': 'a\\n\\nb\\n', 'more': 'a\\n\\n\\n', 'list': ['x\\ny']}");

        assertEquals("""
                none: |-
                  a
                    b
                one: |
                  a

                  b
                more: |+
                  a


                list:
                  - |-
                    x
                    y
                """, YamlWriter.write(texts));
    }

    @Test
    void multiLineTextThatABlockCannotHoldExactlyIsQuoted() {
        assertEquals("k: \"  indented\\nsecond\"\n", YamlWriter.write(json("{'k': '  indented\\nsecond'}")));
        assertEquals("k: \"\\nstarts with a break\"\n", YamlWriter.write(json("{'k': '\\nstarts with a break'}")));
        assertEquals("k: \"windows\\r\\nline\"\n", YamlWriter.write(json("{'k': 'windows\\r\\nline'}")));
    }

    @Test
    void keysAreQuotedLikeValues() {
        assertEquals("\"1\": a\n\"a: b\": b\n\"\": c\n", YamlWriter.write(json("{'1': 'a', 'a: b': 'b', '': 'c'}")));
    }

    @Test
    void aScalarOrEmptyDocumentIsOneLine() {
        assertEquals("{}\n", YamlWriter.write(JsonValue.EMPTY_JSON_OBJECT));
        assertEquals("[]\n", YamlWriter.write(JsonValue.EMPTY_JSON_ARRAY));
        assertEquals("null\n", YamlWriter.write(JsonValue.NULL));
        assertEquals("42\n", YamlWriter.write(Jsonp.JSON.createValue(42)));
    }

    @Test
    void deeplyNestedDataIsWrittenInFlowStyleAndReadsBack() {
        JsonValue deep =
                json("{'a': {'b': {'c': {'d': {'e': {'f': {'g': {'h': [1, {'i': 'x y', 'j': 'true'}, []]}}}}}}}}");

        String yaml = YamlWriter.write(deep);

        assertEquals("""
                a:
                  b:
                    c:
                      d:
                        e:
                          f:
                            g:
                              h:
                                - 1
                                - {i: x y, j: "true"}
                                - []
                """, yaml);
        assertEquals(deep, YamlReader.read(yaml, 64, 1_000_000));
    }

    @Test
    void anExportIsAtMostAboutTenTimesItsJson() {
        StringBuilder nested = new StringBuilder();
        int depth = 60;
        nested.append("[".repeat(depth)).append("0,".repeat(20_000)).append('0').append("]".repeat(depth));
        JsonValue value = json(nested.toString());

        String yaml = YamlWriter.write(value);

        assertEquals(value, YamlReader.read(yaml, 64, 10_000_000));
        int jsonLength = value.toString().length();
        org.junit.jupiter.api.Assertions.assertTrue(
                yaml.length() < 10 * jsonLength, yaml.length() + " characters of YAML for " + jsonLength + " of JSON");
    }
}
