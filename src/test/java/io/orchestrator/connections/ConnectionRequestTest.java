package io.orchestrator.connections;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orchestrator.connections.ConnectionDraft.SecretChange;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import jakarta.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionRequestTest {

    private static JsonObject problems(String document, boolean hasStoredSecret) {
        ApiException failure =
                assertThrows(ApiException.class, () -> ConnectionRequest.read(object(document), hasStoredSecret));
        assertEquals(ErrorCode.VALIDATION_ERROR, failure.code());
        return failure.details();
    }

    @Test
    void aMinimalHttpConnectionNeedsOnlyANameAndAKind() {
        ConnectionDraft draft = ConnectionRequest.read(object("{'name': ' CRM ', 'kind': 'HTTP'}"), false);
        assertEquals("CRM", draft.name());
        assertEquals(ConnectionKind.HTTP, draft.kind());
        assertNull(draft.baseUrl());
        assertInstanceOf(SecretChange.Remove.class, draft.secret());
        assertEquals(object("{}"), draft.headers());
    }

    @Test
    void aRabbitmqConnectionNeedsAnAmqpUrlWithoutCredentials() {
        ConnectionDraft draft = ConnectionRequest.read(
                object(
                        "{'name': 'mq', 'kind': 'rabbitmq', 'base_url': 'amqp://127.0.0.1:5672/', 'secret': 'guest:guest'}"),
                false);
        assertEquals(ConnectionKind.RABBITMQ, draft.kind());
        assertEquals("amqp://127.0.0.1:5672/", draft.baseUrl());
        assertEquals(
                "A rabbitmq connection needs the broker's amqp://host:port URL.",
                problems("{'name': 'mq', 'kind': 'rabbitmq'}", false)
                        .getJsonArray("base_url")
                        .getString(0));
        assertEquals(
                object("{'base_url': ['Must start with amqp:// or amqps://.']}"),
                problems("{'name': 'mq', 'kind': 'rabbitmq', 'base_url': 'http://127.0.0.1:5672'}", false));
        assertEquals(
                object("{'base_url': ['Must not hold credentials; put user:password in secret.']}"),
                problems("{'name': 'mq', 'kind': 'rabbitmq', 'base_url': 'amqp://u:p@mq'}", false));
    }

    @Test
    void theMaskKeepsAStoredSecretAndIsRefusedWhenThereIsNone() {
        String masked = "{'name': 'n', 'kind': 'http', 'secret': '********'}";
        assertInstanceOf(
                SecretChange.Keep.class,
                ConnectionRequest.read(object(masked), true).secret());
        assertEquals(Set.of("secret"), problems(masked, false).keySet());
        SecretChange set = ConnectionRequest.read(object("{'name': 'n', 'kind': 'http', 'secret': 'tok'}"), true)
                .secret();
        assertEquals(new SecretChange.Set("tok"), set);
        assertEquals("Set[********]", set.toString(), "a secret never shows in a log line");
    }

    @Test
    void theReadOnlyFieldsOfAnAnswerMayComeBackButNothingUnknown() {
        ConnectionRequest.read(
                object("{'id': 'x', 'created_at': 'y', 'updated_at': 'z', 'workspace': 'default', 'name': 'n',"
                        + " 'kind': 'anthropic'}"),
                false);
        assertEquals(
                Set.of("nmae", "name"),
                problems("{'nmae': 'n', 'kind': 'http'}", false).keySet());
        assertEquals(
                "team",
                ConnectionRequest.read(object("{'name': 'n', 'kind': 'http', 'workspace': 'team'}"), false)
                        .workspace(),
                "the workspace is named by the body; whether the caller may use it is the service's check");
        assertEquals(
                "default",
                ConnectionRequest.read(object("{'name': 'n', 'kind': 'http'}"), false)
                        .workspace());
    }

    @Test
    void modelServersNeedAnHttpBaseUrlWithoutCredentialsOrQuery() {
        assertEquals(
                Set.of("base_url"),
                problems("{'name': 'n', 'kind': 'openai'}", false).keySet());
        assertEquals(
                Set.of("base_url"),
                problems("{'name': 'n', 'kind': 'kobold', 'base_url': 'ftp://h/'}", false)
                        .keySet());
        assertEquals(
                Set.of("base_url"),
                problems("{'name': 'n', 'kind': 'openai', 'base_url': 'http://u:p@h/v1'}", false)
                        .keySet());
        assertEquals(
                Set.of("base_url"),
                problems("{'name': 'n', 'kind': 'openai', 'base_url': 'http://h/v1?x=1'}", false)
                        .keySet());
        assertEquals(
                "http://127.0.0.1:5001",
                ConnectionRequest.read(
                                object("{'name': 'n', 'kind': 'kobold', 'base_url': 'http://127.0.0.1:5001'}"), false)
                        .baseUrl());
    }

    @Test
    void pricesNeedBothNonNegativeNumbersPerModel() {
        ConnectionRequest.read(
                object("{'name': 'n', 'kind': 'openai', 'base_url': 'http://h/v1',"
                        + " 'prices': {'m': {'input_per_1k': 0, 'output_per_1k': 0.002}}}"),
                false);
        JsonObject details =
                problems("{'name': 'n', 'kind': 'http', 'prices': {'m': {'input_per_1k': -0.1, 'extra': 1}}}", false);
        assertEquals(
                Set.of("input_per_1k", "output_per_1k", "extra"),
                details.getJsonObject("prices").getJsonObject("m").keySet());
    }

    @Test
    void anHttpConnectionsAuthIsBearerBasicOrANamedHeader() {
        for (String auth : new String[] {"{}", "{'auth': 'basic'}", "{'auth': 'header', 'header_name': 'X-Key'}"}) {
            ConnectionRequest.read(object("{'name': 'n', 'kind': 'http', 'defaults': " + auth + "}"), false);
        }
        assertEquals(
                Set.of("auth"),
                problems("{'name': 'n', 'kind': 'http', 'defaults': {'auth': 'digest'}}", false)
                        .getJsonObject("defaults")
                        .keySet());
        assertEquals(
                Set.of("header_name"),
                problems("{'name': 'n', 'kind': 'http', 'defaults': {'auth': 'header', 'header_name': 'a b'}}", false)
                        .getJsonObject("defaults")
                        .keySet());
    }

    @Test
    void headersAreTextWithoutLineBreaksAndNoAuthorizationBesideASecret() {
        JsonObject details = problems(
                "{'name': 'n', 'kind': 'http', 'secret': 's', 'headers': {'Authorization': 'x', 'X-A': 'a\\nb',"
                        + " 'X-B': 1, 'bad name': 'v'}}",
                false);
        assertEquals(
                Set.of("Authorization", "X-A", "X-B", "bad name"),
                details.getJsonObject("headers").keySet());
        ConnectionRequest.read(object("{'name': 'n', 'kind': 'http', 'headers': {'Authorization': 'Token t'}}"), false);
    }

    @Test
    void connectionSettingsNeverPrintTheirSecret() {
        ConnectionSettings settings = new ConnectionSettings(
                "id",
                "CRM",
                ConnectionKind.HTTP,
                null,
                "tok-secret",
                object("{}"),
                jakarta.json.JsonValue.EMPTY_JSON_ARRAY,
                object("{}"),
                object("{}"),
                "default");
        org.junit.jupiter.api.Assertions.assertFalse(settings.toString().contains("tok-secret"), settings::toString);
    }
}
