package io.orchestrator.nodes.form;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormTest {

    private static final Form FORM = new Form(
            FormField.of("method", FieldType.CHOICE).options("GET", "POST").defaultValue("GET"),
            FormField.of("url", FieldType.TEXT).required(),
            FormField.of("timeout_ms", FieldType.INTEGER).defaultValue(30_000),
            FormField.of("follow", FieldType.BOOLEAN).defaultValue(false));

    @Test
    void withDefaultsFillsEveryAbsentFieldThatHasADefault() {
        assertEquals(
                object("{'method': 'GET', 'timeout_ms': 30000, 'follow': false}"), FORM.withDefaults(object("{}")));
    }

    @Test
    void withDefaultsKeepsGivenValuesEvenNull() {
        assertEquals(
                object("{'method': 'POST', 'url': 'http://x', 'timeout_ms': null, 'follow': false}"),
                FORM.withDefaults(object("{'timeout_ms': null, 'url': 'http://x', 'method': 'POST'}")));
    }

    @Test
    void withDefaultsPutsFormFieldsFirstInFormOrderThenKeepsUnknownFields() {
        assertEquals(
                List.of("method", "url", "timeout_ms", "follow", "extra"),
                List.copyOf(
                        FORM.withDefaults(object("{'extra': 1, 'url': 'u'}")).keySet()));
    }

    @Test
    void fieldsKeepTheirDeclaredOrder() {
        assertEquals(
                List.of("method", "url", "timeout_ms", "follow"),
                FORM.fields().stream().map(FormField::name).toList());
    }

    @Test
    void fieldFindsByName() {
        assertEquals(FieldType.TEXT, FORM.field("url").orElseThrow().type());
        assertEquals(false, FORM.field("URL").isPresent());
    }

    @Test
    void aMinimalFieldHasALabelFromItsNameAndANullDefault() {
        assertEquals(
                object("{'name': 'timeout_ms', 'type': 'integer', 'label': 'Timeout ms', 'required': false,"
                        + " 'default': null}"),
                FormField.of("timeout_ms", FieldType.INTEGER).toJson());
    }

    @Test
    void aFieldWritesEveryAttributeThatIsSet() {
        FormField field = FormField.of("mode", FieldType.CHOICE)
                .label("Mode of operation")
                .required()
                .defaultValue("a")
                .options("a", "b")
                .help("Pick one.")
                .range(1, 2.5);
        assertEquals(
                object("{'name': 'mode', 'type': 'choice', 'label': 'Mode of operation', 'required': true,"
                        + " 'default': 'a', 'options': ['a', 'b'], 'help': 'Pick one.', 'min': 1.0, 'max': 2.5}"),
                field.toJson());
    }

    @Test
    void aListFieldWritesItsItemFields() {
        FormField field = FormField.of("key_value", FieldType.LIST)
                .items(FormField.of("name", FieldType.TEXT).required());
        assertEquals(
                object("{'name': 'key_value', 'type': 'list', 'label': 'Key value', 'required': false,"
                        + " 'default': null, 'item_fields': [{'name': 'name', 'type': 'text', 'label': 'Name',"
                        + " 'required': true, 'default': null}]}"),
                field.toJson());
    }

    @Test
    void theFormWritesItsFieldsInOrder() {
        assertEquals(
                List.of("method", "url", "timeout_ms", "follow"),
                FORM.toJson().getValuesAs(JsonValue::asJsonObject).stream()
                        .map(json -> json.getString("name"))
                        .toList());
    }

    @Test
    void fieldTypesHaveLowerCaseApiNames() {
        assertEquals("key_value", FieldType.KEY_VALUE.apiName());
        assertEquals("string_list", FieldType.STRING_LIST.apiName());
    }
}
