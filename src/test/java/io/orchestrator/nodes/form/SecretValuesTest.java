package io.orchestrator.nodes.form;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

    private static final Form FORM = new Form(
            FormField.of("path", FieldType.TEXT),
            FormField.of("secret", FieldType.SECRET),
            FormField.of("api_key", FieldType.SECRET));

    @Test
    void maskHidesEverySecretAndNothingElse() {
        assertEquals(
                object("{'path': 'hook', 'secret': '********', 'api_key': '********'}"),
                SecretValues.mask(FORM, object("{'path': 'hook', 'secret': 's3cret', 'api_key': 'k'}")));
    }

    @Test
    void maskLeavesAnEmptySecretEmpty() {
        assertEquals(object("{'secret': ''}"), SecretValues.mask(FORM, object("{'secret': ''}")));
    }

    @Test
    void maskReturnsTheSameValuesWhenThereIsNoSecretToHide() {
        JsonObject values = object("{'path': 'hook', 'secret': null}");
        assertSame(values, SecretValues.mask(FORM, values));
    }

    @Test
    void keepMaskedPutsTheStoredSecretBackForAMask() {
        assertEquals(
                object("{'path': 'new', 'secret': 'stored'}"),
                SecretValues.keepMasked(
                        FORM,
                        object("{'path': 'new', 'secret': '********'}"),
                        object("{'path': 'old', 'secret': 'stored'}")));
    }

    @Test
    void keepMaskedDropsAMaskWhenNothingIsStored() {
        assertEquals(
                object("{'path': 'new'}"),
                SecretValues.keepMasked(FORM, object("{'path': 'new', 'secret': '********'}"), object("{}")));
    }

    @Test
    void keepMaskedTakesANewSecretAsSent() {
        assertEquals(
                object("{'secret': 'changed', 'api_key': 'kept'}"),
                SecretValues.keepMasked(
                        FORM,
                        object("{'secret': 'changed', 'api_key': '********'}"),
                        object("{'secret': 'old', 'api_key': 'kept'}")));
    }

    @Test
    void keepMaskedIgnoresTheMaskInANonSecretField() {
        JsonObject incoming = object("{'path': '********'}");
        assertSame(incoming, SecretValues.keepMasked(FORM, incoming, object("{'path': 'stored'}")));
    }

    @Test
    void withSecretsChangesEveryNonEmptySecretAndNothingElse() {
        assertEquals(
                object("{'path': 'hook', 'secret': 'S3CRET', 'api_key': ''}"),
                SecretValues.withSecrets(
                        FORM, object("{'path': 'hook', 'secret': 's3cret', 'api_key': ''}"), String::toUpperCase));
        JsonObject unchanged = object("{'path': 'hook', 'secret': 'SAME'}");
        assertSame(unchanged, SecretValues.withSecrets(FORM, unchanged, String::toUpperCase));
    }

    @Test
    void withoutSecretsLeavesEverySecretFieldOut() {
        assertEquals(
                object("{'path': 'hook'}"),
                SecretValues.withoutSecrets(FORM, object("{'path': 'hook', 'secret': 's', 'api_key': null}")));
        JsonObject none = object("{'path': 'hook'}");
        assertSame(none, SecretValues.withoutSecrets(FORM, none));
    }
}
