package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Integers past the range of a {@code long} come back exactly as they were sent, whichever way they
 * came in (a node's form values, a run's input, a webhook's body); a field the server keeps as a
 * whole number of its own refuses one with 422 on that field instead of wrapping it into range.
 */
class ExactNumbersApiIT {

    /** 10^20: squeezed into a long it reads 7766279631452241920. */
    private static final String HUGE = "100000000000000000000";
    /** 2^64 + 5: squeezed into a long it wraps to 5, a value each range below accepts. */
    private static final String WRAPS_TO_FIVE = "18446744073709551621";
    /** 2^63: one past the largest long, equal to it once made a double. */
    private static final String ONE_PAST_LONG = "9223372036854775808";

    private final Api api = SharedServer.admin();

    private static JsonObject json(String text) {
        return (JsonObject) Api.parse(text);
    }

    private static void assertExact(String expected, JsonObject holder, String field) {
        assertEquals(new BigInteger(expected), holder.getJsonNumber(field).bigIntegerValueExact(), holder::toString);
    }

    @Test
    void aNodesFormValuesKeepAHugeIntegerWhenAddedChangedAndRead() {
        TestWorkflow workflow = TestWorkflow.create(api, "huge form value");
        JsonObject added = workflow.addNode("transform", "Big", json("{\"fields\": {\"n\": " + HUGE + "}}"));
        assertExact(HUGE, added.getJsonObject("form_values").getJsonObject("fields"), "n");
        String node = added.getString("id");

        api.patch(workflow.nodePath(node, ""), "{\"form_values\": {\"fields\": {\"n\": " + WRAPS_TO_FIVE + "}}}")
                .object(200);
        assertExact(
                WRAPS_TO_FIVE,
                api.get(workflow.nodePath(node, ""))
                        .object(200)
                        .getJsonObject("form_values")
                        .getJsonObject("fields"),
                "n");
        assertExact(
                WRAPS_TO_FIVE,
                workflow.canvas()
                        .getJsonArray("nodes")
                        .getJsonObject(0)
                        .getJsonObject("form_values")
                        .getJsonObject("fields"),
                "n");
    }

    @Test
    void aRunsInputKeepsAHugeInteger() {
        TestWorkflow workflow = TestWorkflow.create(api, "huge input");
        workflow.addNodeId("manual-trigger", "Start");
        String taskId = api.post(workflow.path("start_execution/"), "{\"n\": " + HUGE + "}")
                .object(200)
                .getString("task_id");
        assertExact(HUGE, api.get("/api/runs/" + taskId + "/").object(200).getJsonObject("input"), "n");
    }

    @Test
    void aWebhooksBodyKeepsAHugeInteger() {
        String path = "it/numbers/" + UUID.randomUUID();
        TestWorkflow workflow = TestWorkflow.create(api, "huge webhook body");
        workflow.addNode(
                "webhook", "Hook", Json.createObjectBuilder().add("path", path).build());
        api.patch(workflow.path(), "{\"active\": true}").object(200);

        String taskId = SharedServer.anonymous()
                .post("/api/hooks/" + path, "{\"n\": " + HUGE + "}")
                .object(202)
                .getString("task_id");
        assertExact(
                HUGE,
                api.get("/api/runs/" + taskId + "/")
                        .object(200)
                        .getJsonObject("input")
                        .getJsonObject("body"),
                "n");
    }

    @Test
    void aWholeNumberSettingPastItsRangeIs422NotWrappedIntoIt() {
        TestWorkflow workflow = TestWorkflow.create(api, "huge settings");
        JsonObject settings = api.patch(
                        workflow.path(), "{\"settings\": {\"concurrency_limit\": " + WRAPS_TO_FIVE + "}}")
                .error(422, "VALIDATION_ERROR")
                .getJsonObject("settings");
        assertTrue(settings.containsKey("concurrency_limit"), settings::toString);
        assertEquals(
                10,
                api.get(workflow.path()).object(200).getJsonObject("settings").getInt("concurrency_limit"),
                "the setting kept its value");

        String node = workflow.addNodeId("http-request", "Call");
        JsonObject timeout = api.patch(workflow.nodePath(node, ""), "{\"timeout_ms\": " + WRAPS_TO_FIVE + "}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(timeout.containsKey("timeout_ms"), timeout::toString);
        JsonObject delay = api.patch(workflow.nodePath(node, ""), "{\"retry\": {\"delay_ms\": " + WRAPS_TO_FIVE + "}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(delay.getJsonObject("retry").containsKey("delay_ms"), delay::toString);
        JsonObject formValue = api.patch(
                        workflow.nodePath(node, ""), "{\"form_values\": {\"timeout_ms\": " + WRAPS_TO_FIVE + "}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(formValue.toString().contains("timeout_ms"), formValue::toString);

        JsonObject version = api.patch(workflow.path(), "{\"version\": " + ONE_PAST_LONG + "}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(version.containsKey("version"), version::toString);
    }
}
