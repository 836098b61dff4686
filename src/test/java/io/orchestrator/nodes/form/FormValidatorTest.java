package io.orchestrator.nodes.form;

import static io.orchestrator.testing.JsonLiterals.json;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.FieldErrors;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormValidatorTest {

    /** What validating {@code {name: value}} against a form of just this field reports. */
    private static JsonObject errorsFor(FormField field, JsonValue value) {
        return FormValidator.validate(
                        new Form(field),
                        Json.createObjectBuilder().add(field.name(), value).build())
                .toJson();
    }

    private static void assertAccepted(FormField field, JsonValue value) {
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, errorsFor(field, value), "errors for " + value);
    }

    private static void assertRefused(FormField field, JsonValue value, String path, String message) {
        assertEquals(object("{'" + path + "': ['" + message + "']}"), errorsFor(field, value), "errors for " + value);
    }

    private static void assertRefused(FormField field, JsonValue value, String message) {
        assertRefused(field, value, field.name(), message);
    }

    private static JsonValue text(String value) {
        return Json.createValue(value);
    }

    // text and the other string kinds

    @Test
    void textAcceptsAStringWithATemplate() {
        assertAccepted(FormField.of("url", FieldType.TEXT), text("https://x/${input.id}"));
    }

    @Test
    void textRefusesANumber() {
        assertRefused(FormField.of("url", FieldType.TEXT), json("42"), "Must be a string.");
    }

    @Test
    void textAcceptsTheMaximumLength() {
        assertAccepted(FormField.of("note", FieldType.TEXTAREA), text("x".repeat(FormValidator.MAX_TEXT)));
    }

    @Test
    void textRefusesOneCharacterOverTheMaximum() {
        assertRefused(
                FormField.of("note", FieldType.TEXTAREA),
                text("x".repeat(FormValidator.MAX_TEXT + 1)),
                "Must be at most 100000 characters.");
    }

    @Test
    void secretRefusesAnObject() {
        assertRefused(FormField.of("secret", FieldType.SECRET), json("{}"), "Must be a string.");
    }

    @Test
    void expressionAcceptsTextWithOrWithoutTheTemplateMarks() {
        FormField field = FormField.of("expression", FieldType.EXPRESSION);
        assertAccepted(field, text("${input.amount > 100}"));
        assertAccepted(field, text("input.amount > 100"));
    }

    @Test
    void expressionRefusesABoolean() {
        assertRefused(FormField.of("expression", FieldType.EXPRESSION), JsonValue.TRUE, "Must be a string.");
    }

    @Test
    void cronIsOnlyCheckedToBeTextHere() {
        FormField field = FormField.of("cron", FieldType.CRON);
        assertAccepted(field, text("not a cron at all"));
        assertRefused(field, json("5"), "Must be a string.");
    }

    // numbers

    @Test
    void numberAcceptsAFractionInsideItsRange() {
        assertAccepted(FormField.of("seconds", FieldType.NUMBER).range(0, 10), json("2.5"));
    }

    @Test
    void numberAcceptsBothEndsOfItsRange() {
        FormField field = FormField.of("seconds", FieldType.NUMBER).range(0, 10);
        assertAccepted(field, json("0"));
        assertAccepted(field, json("10"));
    }

    @Test
    void numberRefusesAValueBelowItsRange() {
        assertRefused(
                FormField.of("seconds", FieldType.NUMBER).range(0, 10), json("-0.1"), "Must be between 0 and 10.");
    }

    @Test
    void numberRefusesAValueAboveItsRange() {
        assertRefused(FormField.of("seconds", FieldType.NUMBER).range(0, 10), json("11"), "Must be between 0 and 10.");
    }

    @Test
    void numberRangeMessageKeepsFractionalBounds() {
        assertRefused(
                FormField.of("ratio", FieldType.NUMBER).range(0.5, 2.5), json("3"), "Must be between 0.5 and 2.5.");
    }

    @Test
    void numberRefusesTextThatLooksLikeANumber() {
        assertRefused(FormField.of("seconds", FieldType.NUMBER), text("12"), "Must be a number.");
    }

    @Test
    void numberAcceptsATemplateWhateverItsRange() {
        assertAccepted(FormField.of("seconds", FieldType.NUMBER).range(0, 10), text("${input.x}"));
    }

    @Test
    void integerAcceptsAWholeNumber() {
        assertAccepted(FormField.of("status", FieldType.INTEGER).range(100, 599), json("204"));
    }

    @Test
    void integerRefusesAFraction() {
        assertRefused(FormField.of("status", FieldType.INTEGER), json("1.5"), "Must be a whole number.");
    }

    @Test
    void integerRefusesText() {
        assertRefused(FormField.of("status", FieldType.INTEGER), text("two hundred"), "Must be a whole number.");
    }

    @Test
    void integerRefusesAValueOutsideItsRange() {
        assertRefused(
                FormField.of("status", FieldType.INTEGER).range(100, 599), json("600"), "Must be between 100 and 599.");
    }

    @Test
    void integerAcceptsATemplate() {
        assertAccepted(FormField.of("status", FieldType.INTEGER).range(100, 599), text("${input.status}"));
    }

    // boolean and choice

    @Test
    void booleanAcceptsTrueFalseAndATemplate() {
        FormField field = FormField.of("keep_input", FieldType.BOOLEAN);
        assertAccepted(field, JsonValue.TRUE);
        assertAccepted(field, JsonValue.FALSE);
        assertAccepted(field, text("${input.keep}"));
    }

    @Test
    void booleanRefusesTextAndNumbers() {
        FormField field = FormField.of("keep_input", FieldType.BOOLEAN);
        assertRefused(field, text("true"), "Must be true or false.");
        assertRefused(field, json("1"), "Must be true or false.");
    }

    @Test
    void choiceAcceptsOneOfItsOptionsAndATemplate() {
        FormField field = FormField.of("method", FieldType.CHOICE).options("GET", "POST");
        assertAccepted(field, text("POST"));
        assertAccepted(field, text("${input.method}"));
    }

    @Test
    void choiceRefusesAValueNotAmongItsOptionsAndListsThem() {
        assertRefused(
                FormField.of("method", FieldType.CHOICE).options("GET", "POST"),
                text("get"),
                "Must be one of: GET, POST.");
    }

    @Test
    void choiceRefusesANonString() {
        assertRefused(
                FormField.of("method", FieldType.CHOICE).options("GET", "POST"),
                json("1"),
                "Must be one of: GET, POST.");
    }

    // structured kinds

    @Test
    void jsonAcceptsAnyValue() {
        FormField field = FormField.of("body", FieldType.JSON);
        for (String value : List.of("{'a': [1, {'b': null}]}", "[1, 2]", "'text ${input}'", "3.5", "false")) {
            assertAccepted(field, json(value));
        }
    }

    @Test
    void keyValueAcceptsAnObjectAndATemplate() {
        FormField field = FormField.of("headers", FieldType.KEY_VALUE);
        assertAccepted(field, json("{'Accept': 'application/json', 'X-Id': '${input.id}'}"));
        assertAccepted(field, text("${input.headers}"));
    }

    @Test
    void keyValueRefusesAList() {
        assertRefused(
                FormField.of("headers", FieldType.KEY_VALUE),
                json("['Accept']"),
                "Must be an object of name to value.");
    }

    @Test
    void keyValueRefusesABlankName() {
        assertRefused(
                FormField.of("headers", FieldType.KEY_VALUE), json("{' ': 'x'}"), "Names must be 1 to 200 characters.");
    }

    @Test
    void keyValueRefusesANameOverTwoHundredCharactersOnce() {
        String longName = "n".repeat(FormValidator.MAX_KEY + 1);
        assertRefused(
                FormField.of("headers", FieldType.KEY_VALUE),
                json("{'" + longName + "': 1, '" + longName + "2': 2}"),
                "Names must be 1 to 200 characters.");
    }

    @Test
    void keyValueAcceptsANameOfExactlyTwoHundredCharacters() {
        assertAccepted(FormField.of("headers", FieldType.KEY_VALUE), json("{'" + "n".repeat(200) + "': 1}"));
    }

    @Test
    void stringListAcceptsScalars() {
        assertAccepted(FormField.of("cases", FieldType.STRING_LIST), json("['a', 2, true]"));
    }

    @Test
    void stringListRefusesAnObjectInsteadOfAList() {
        assertRefused(FormField.of("cases", FieldType.STRING_LIST), json("{'a': 1}"), "Must be a list.");
    }

    @Test
    void stringListReportsEachNonScalarItemByIndex() {
        assertEquals(
                object("{'cases[1]': ['Must be a string, number or boolean.'],"
                        + " 'cases[3]': ['Must be a string, number or boolean.']}"),
                errorsFor(FormField.of("cases", FieldType.STRING_LIST), json("['a', [1], 'b', null]")));
    }

    private static final FormField INPUTS = FormField.of("inputs", FieldType.LIST)
            .items(
                    FormField.of("name", FieldType.TEXT).required(),
                    FormField.of("type", FieldType.CHOICE).options("text", "number"));

    @Test
    void listAcceptsItemsThatMatchTheItemForm() {
        assertAccepted(INPUTS, json("[{'name': 'a', 'type': 'number'}, {'name': 'b'}]"));
    }

    @Test
    void listRefusesANonList() {
        assertRefused(INPUTS, json("{'name': 'a'}"), "Must be a list.");
    }

    @Test
    void listRefusesAnItemThatIsNotAnObject() {
        assertRefused(INPUTS, json("['a']"), "inputs[0]", "Must be an object.");
    }

    @Test
    void listReportsAMissingRequiredItemFieldUnderItsIndex() {
        assertRefused(INPUTS, json("[{'type': 'text'}]"), "inputs[0].name", "This field is required.");
    }

    @Test
    void listReportsABlankRequiredItemField() {
        assertRefused(INPUTS, json("[{'name': 'a'}, {'name': '  '}]"), "inputs[1].name", "This field is required.");
    }

    @Test
    void listReportsAnItemFieldOfTheWrongTypeUnderItsPath() {
        assertRefused(
                INPUTS, json("[{'name': 'a', 'type': 'date'}]"), "inputs[0].type", "Must be one of: text, number.");
    }

    @Test
    void listReportsAnUnknownItemFieldWithTheKnownOnes() {
        assertRefused(
                INPUTS,
                json("[{'name': 'a', 'colour': 'red'}]"),
                "inputs[0].colour",
                "Unknown field. Known fields: name, type.");
    }

    // the form as a whole

    private static final Form FORM = new Form(
            FormField.of("url", FieldType.TEXT).required(),
            FormField.of("timeout_ms", FieldType.INTEGER).range(1, 1000),
            FormField.of("verbose", FieldType.BOOLEAN));

    @Test
    void reportsAnUnknownFieldAndListsTheKnownOnes() {
        assertEquals(
                object("{'urll': ['Unknown field. Known fields: url, timeout_ms, verbose.']}"),
                FormValidator.validate(FORM, object("{'urll': 'http://x'}")).toJson());
    }

    @Test
    void reportsEveryBadFieldInTheOrderOfTheValues() {
        FieldErrors errors = FormValidator.validate(FORM, object("{'verbose': 'yes', 'timeout_ms': 0, 'url': 1}"));
        assertEquals(
                List.of("verbose", "timeout_ms", "url"),
                List.copyOf(errors.toJson().keySet()));
    }

    @Test
    void skipsTheTypeCheckOfANullValue() {
        assertTrue(FormValidator.validate(FORM, object("{'url': null, 'timeout_ms': null}"))
                .isEmpty());
    }

    @Test
    void validateDoesNotReportAMissingRequiredField() {
        assertTrue(FormValidator.validate(FORM, object("{}")).isEmpty());
    }

    @Test
    void validateAddsToTheErrorsItIsGiven() {
        FieldErrors errors = new FieldErrors().add("name", "Taken.");
        FormValidator.validate(FORM, object("{'verbose': 1}"), errors);
        assertEquals(object("{'name': ['Taken.'], 'verbose': ['Must be true or false.']}"), errors.toJson());
    }

    private static JsonObject missing(String values) {
        FieldErrors errors = new FieldErrors();
        FormValidator.checkRequired(FORM, object(values), errors);
        return errors.toJson();
    }

    @Test
    void checkRequiredReportsAnAbsentRequiredField() {
        assertEquals(object("{'url': ['This field is required.']}"), missing("{'timeout_ms': 5}"));
    }

    @Test
    void checkRequiredReportsANullOrBlankRequiredField() {
        assertEquals(object("{'url': ['This field is required.']}"), missing("{'url': null}"));
        assertEquals(object("{'url': ['This field is required.']}"), missing("{'url': ' \\t'}"));
    }

    @Test
    void checkRequiredAcceptsAFilledRequiredFieldAndIgnoresOptionalOnes() {
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, missing("{'url': 'http://x'}"));
    }

    @Test
    void isTemplateOnlyForStringsHoldingATemplateStart() {
        assertTrue(FormValidator.isTemplate(text("a ${b} c")));
        assertFalse(FormValidator.isTemplate(text("a $ {b}")));
        assertFalse(FormValidator.isTemplate(json("['${b}']")));
    }

    @Test
    void duplicatesListsEachRepeatedValueOnce() {
        assertEquals(Set.of("a", "c"), FormValidator.duplicates(List.of("a", "b", "a", "c", "a", "c")));
        assertEquals(Set.of(), FormValidator.duplicates(List.of("a", "b")));
    }

    // templates and expressions are checked at save time

    @Test
    void expressionRefusesBrokenSyntaxWithOrWithoutTheTemplateMarks() {
        FormField field = FormField.of("expression", FieldType.EXPRESSION);
        assertRefused(field, text("input.amount >"), "Syntax error in ${input.amount >}: it ends too early.");
        assertRefused(field, text("${input.amount >}"), "Syntax error in ${input.amount >}: it ends too early.");
    }

    @Test
    void expressionRefusesAMethodCall() {
        JsonObject errors = errorsFor(FormField.of("expression", FieldType.EXPRESSION), text("${input.getClass()}"));
        assertEquals(
                "${input.getClass()}: Expressions cannot call methods ('getClass(...)'): use the listed functions,"
                        + " such as upper(x).",
                errors.getJsonArray("expression").getString(0));
    }

    @Test
    void textRefusesATemplateWithAnUnknownName() {
        JsonObject errors = errorsFor(FormField.of("url", FieldType.TEXT), text("https://x/${inptu.id}"));
        assertTrue(errors.getJsonArray("url").getString(0).contains("Unknown name 'inptu'"), errors.toString());
    }

    @Test
    void templatesDeepInsideJsonAndKeyValueFieldsAreChecked() {
        JsonObject json = errorsFor(FormField.of("body", FieldType.JSON), json("{'a': [1, {'b': 'x ${input.}'}]}"));
        assertEquals(object("{'body': ['Syntax error in ${input.}: it ends too early.']}"), json);
        JsonObject headers = errorsFor(FormField.of("headers", FieldType.KEY_VALUE), json("{'X-Id': '${input.id'}"));
        assertEquals(1, headers.getJsonArray("headers").size());
    }

    @Test
    void aTemplateInANumberFieldIsChecked() {
        JsonObject errors = errorsFor(FormField.of("seconds", FieldType.NUMBER), text("${System.exit(0)}"));
        assertTrue(errors.containsKey("seconds"), errors.toString());
    }

    @Test
    void secretsAndCronTextAreNotTemplates() {
        assertAccepted(FormField.of("secret", FieldType.SECRET), text("pa${ss"));
        assertAccepted(FormField.of("cron", FieldType.CRON), text("${not a template}"));
    }

    @Test
    void aValueOfTheWrongTypeIsReportedOnceNotAlsoAsATemplate() {
        assertRefused(FormField.of("expression", FieldType.EXPRESSION), json("['${']"), "Must be a string.");
    }
}
