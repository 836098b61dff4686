package io.orchestrator.workflow;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.yaml.YamlReader;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class WriteItPipelineTest {

    static final String ARTICLE = """
            metadata:
              name: Tech Article
              description: Angles, outline, draft
            defaults:
              model: gpt-4o-mini
            inputs:
              topic:
                type: text
                label: Topic
                required: true
              style:
                type: choice
                options:
                  - {label: Formal, value: formal}
                  - {label: Casual, value: casual}
                default: formal
              words:
                type: number
                help: How long
            steps:
              - key: angles
                name: Generate Angles
                type: llm_generate
                prompt_template: |
                  Give three angles on {{ inputs.topic }} in a {{ style }} style.
                model_preference: [gpt-4o, "{{ defaults.model }}"]
              - key: pick
                type: user_input
                description: Which angle, and any notes?
              - key: outline
                type: llm_generate
                prompt_template: "Outline {{ steps.angles.selected_response }} with {{ steps.pick.notes }}; {{ unknown | upper }}"
              - key: final
                type: transform
                template: "{{ steps.outline }}"
            """;

    /** Single-quoted JSON in which {@code \\'} stands for an apostrophe inside a string. */
    private static JsonObject apostrophes(String singleQuoted) {
        return io.orchestrator.platform.JsonText.parseObject(
                singleQuoted.replace("\\'", "\u0000").replace('\'', '"').replace('\u0000', '\''));
    }

    private static JsonObject pipeline(String yaml) {
        return YamlReader.read(yaml, 64, 1_000_000).asJsonObject();
    }

    @Test
    void aPipelineIsRecognisedByItsTypedSteps() {
        assertTrue(WriteItPipeline.isOne(pipeline(ARTICLE)));
        assertTrue(WriteItPipeline.isOne(object("{'steps': {'a': {'type': 'transform'}}}")));
        assertFalse(WriteItPipeline.isOne(object("{'name': 'w', 'nodes': [], 'steps': [{'type': 'x'}]}")));
        assertFalse(WriteItPipeline.isOne(object("{'steps': [{'name': 'no type'}]}")));
        assertFalse(WriteItPipeline.isOne(object("{'steps': []}")));
    }

    @Test
    void itBecomesAChainFromAManualTriggerWithTheInputs() {
        JsonObject document = WriteItPipeline.toWorkflowDocument(pipeline(ARTICLE));

        assertEquals(
                apostrophes(
                        "{'name': 'Tech Article', 'description': 'Angles, outline, draft', 'nodes': ["
                                + "{'name': 'Inputs', 'node_type': 'manual-trigger', 'position': {'x': 0.0, 'y': 0.0}, 'form_values': {'inputs': ["
                                + "  {'name': 'topic', 'type': 'text', 'required': true, 'description': 'Topic'},"
                                + "  {'name': 'style', 'type': 'choice', 'required': false, 'default': 'formal', 'options': ['formal', 'casual']},"
                                + "  {'name': 'words', 'type': 'number', 'required': false, 'description': 'How long'}]}},"
                                + "{'name': 'angles', 'node_type': 'llm', 'position': {'x': 280.0, 'y': 0.0}, 'form_values': {"
                                + "  'prompt': 'Give three angles on ${nodes[\\'Inputs\\'].output.topic} in a ${nodes[\\'Inputs\\'].output.style} style.\\n',"
                                + "  'models': [{'connection': null, 'model': 'gpt-4o'}, {'connection': null, 'model': 'gpt-4o-mini'}]}},"
                                + "{'name': 'pick', 'node_type': 'human-input', 'position': {'x': 560.0, 'y': 0.0}, 'form_values': {"
                                + "  'prompt': 'Which angle, and any notes?', 'mode': 'text'}},"
                                + "{'name': 'outline', 'node_type': 'llm', 'position': {'x': 840.0, 'y': 0.0}, 'form_values': {"
                                + "  'prompt': 'Outline ${nodes[\\'angles\\'].output.text} with ${nodes[\\'pick\\'].output.notes}; {{ unknown | upper }}',"
                                + "  'models': [{'connection': null, 'model': 'gpt-4o-mini'}]}},"
                                + "{'name': 'final', 'node_type': 'transform', 'position': {'x': 1120.0, 'y': 0.0}, 'form_values': {"
                                + "  'fields': {'text': '${nodes[\\'outline\\'].output.text}'}}}],"
                                + " 'edges': ["
                                + "{'source': 'Inputs', 'source_handle': 'default', 'target': 'angles', 'target_handle': 'default'},"
                                + "{'source': 'angles', 'source_handle': 'default', 'target': 'pick', 'target_handle': 'default'},"
                                + "{'source': 'pick', 'source_handle': 'default', 'target': 'outline', 'target_handle': 'default'},"
                                + "{'source': 'outline', 'source_handle': 'default', 'target': 'final', 'target_handle': 'default'}]}"),
                document);
    }

    @Test
    void stepsMayBeAMappingAndNamesStayUnique() {
        JsonObject document = WriteItPipeline.toWorkflowDocument(object(
                "{'name': 'P', 'steps': {'Inputs': {'type': 'transform', 'template': '{{ steps.Inputs.text }}'}}}"));

        JsonObject step = document.getJsonArray("nodes").getJsonObject(1);
        assertEquals("Inputs 2", step.getString("name"));
        assertEquals(
                "${nodes['Inputs 2'].output.text}",
                step.getJsonObject("form_values").getJsonObject("fields").getString("text"));
    }

    @Test
    void anUnknownStepTypeIsA422NamingTheStep() {
        ApiException refused = assertThrows(
                ApiException.class,
                () -> WriteItPipeline.toWorkflowDocument(
                        object("{'steps': [{'type': 'transform'}, {'type': 'shell', 'key': 'x'}]}")));
        assertEquals(ErrorCode.VALIDATION_ERROR, refused.code());
        assertTrue(
                refused.details().getJsonObject("steps[1]").containsKey("type"),
                refused.details().toString());
    }
}
