package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import io.orchestrator.it.support.Uploads;
import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/artifacts/} on the shared server (artifact limit 5 MB). */
class ArtifactApiIT {

    private final Api api = SharedServer.admin();

    /** A finished run to attach files to. */
    private String finishedRun() {
        TestWorkflow workflow = TestWorkflow.create(api, "artifacts " + UUID.randomUUID());
        workflow.addNodeId("manual-trigger", "Start");
        return workflow.runToEnd(Jsonp.JSON.createObjectBuilder().build()).getString("task_id");
    }

    private Api.Response upload(byte[] form) {
        return api.sendBody(
                "POST", "/api/artifacts/", HttpRequest.BodyPublishers.ofByteArray(form), Uploads.CONTENT_TYPE);
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    @Test
    void anUploadedFileIsListedDescribedDownloadedWholeOrByRangeAndDeleted() throws Exception {
        String run = finishedRun();
        byte[] bytes = new byte[300_000];
        new Random(11).nextBytes(bytes);

        JsonObject created = upload(Uploads.form(
                        fields("run_id", run, "node_id", "node-a", "name", "Sample data", "tags", "raw, sample"),
                        "../../etc/sample.bin",
                        null,
                        bytes))
                .object(201);

        String id = created.getString("id");
        assertEquals(run, created.getString("run_id"));
        assertEquals("node-a", created.getString("node_id"));
        assertEquals("Sample data", created.getString("name"));
        assertEquals("sample.bin", created.getString("file_name"), "only the client's base name is kept");
        assertEquals("application/octet-stream", created.getString("mime_type"));
        assertEquals(300_000, created.getInt("size"));
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                created.getString("sha256"));
        assertEquals("other", created.getString("artifact_type"));
        assertEquals("[\"raw\",\"sample\"]", created.getJsonArray("tags").toString());
        assertEquals("/api/artifacts/" + id + "/download/", created.getString("download_url"));
        assertTrue(created.getString("expires_at").compareTo(created.getString("created_at")) > 0);
        assertEquals(1, MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM artifact WHERE id = ?", id));

        JsonObject listed = api.get("/api/artifacts/?run_id=" + run).object(200);
        assertEquals(1, listed.getInt("total_count"));
        assertEquals(id, listed.getJsonArray("artifacts").getJsonObject(0).getString("id"));
        assertEquals(
                0,
                api.get("/api/artifacts/?run_id=" + run + "&artifact_type=log")
                        .object(200)
                        .getInt("total_count"));
        assertEquals(created, api.get("/api/artifacts/" + id + "/").object(200));

        HttpResponse<byte[]> whole = Uploads.download(created.getString("download_url"));
        assertEquals(200, whole.statusCode());
        assertArrayEquals(bytes, whole.body());
        assertEquals(
                "attachment; filename=\"sample.bin\"; filename*=UTF-8''sample.bin",
                whole.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElseThrow());

        HttpResponse<byte[]> part = Uploads.download(created.getString("download_url"), "Range", "bytes=1000-1999");
        assertEquals(206, part.statusCode());
        assertEquals(
                "bytes 1000-1999/300000",
                part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 1000, 2000), part.body());
        HttpResponse<byte[]> tail = Uploads.download(created.getString("download_url"), "Range", "bytes=-10");
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 299_990, 300_000), tail.body());

        HttpResponse<byte[]> beyond = Uploads.download(created.getString("download_url"), "Range", "bytes=300000-");
        assertEquals(416, beyond.statusCode());
        assertEquals(
                "bytes */300000", beyond.headers().firstValue("Content-Range").orElseThrow());
        assertTrue(new String(beyond.body(), StandardCharsets.UTF_8).contains("\"code\":\"RANGE_NOT_SATISFIABLE\""));

        assertEquals(204, api.delete("/api/artifacts/" + id + "/").status());
        api.get("/api/artifacts/" + id + "/").error(404, "NOT_FOUND");
        assertEquals(404, Uploads.download(created.getString("download_url")).statusCode());
        api.delete("/api/artifacts/" + id + "/").error(404, "NOT_FOUND");
    }

    @Test
    void badUploadsAre4xxWithTheReasonAndKeepNothing() {
        String run = finishedRun();
        long before = MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM artifact");
        byte[] small = "x".getBytes(StandardCharsets.UTF_8);

        JsonObject unknownRun = upload(Uploads.form(fields("run_id", "no-such-run"), "a.txt", "text/plain", small))
                .error(422, "VALIDATION_ERROR");
        assertTrue(unknownRun.containsKey("run_id"), unknownRun::toString);
        JsonObject noFile =
                upload(Uploads.form(fields("run_id", run), null, null, null)).error(422, "VALIDATION_ERROR");
        assertTrue(noFile.containsKey("file"), noFile::toString);
        JsonObject badType = upload(Uploads.form(fields("run_id", run, "artifact_type", "movie"), "a.txt", null, small))
                .error(422, "VALIDATION_ERROR");
        assertTrue(badType.containsKey("artifact_type"), badType::toString);

        JsonObject longNode = upload(
                        Uploads.form(fields("run_id", run, "node_id", "n".repeat(37)), "a.txt", null, small))
                .error(422, "VALIDATION_ERROR");
        assertTrue(longNode.containsKey("node_id"), longNode::toString);

        byte[] cut = Uploads.form(fields("run_id", run), "a.txt", null, small);
        upload(java.util.Arrays.copyOf(cut, cut.length - 10)).error(400, "INVALID_REQUEST");
        api.post("/api/artifacts/", "{\"run_id\": \"" + run + "\"}").error(400, "INVALID_REQUEST");

        byte[] tooLarge = new byte[(SharedServer.ARTIFACT_MAX_MB + 1) * 1024 * 1024];
        Api.Response refused = upload(Uploads.form(fields("run_id", run), "big.bin", null, tooLarge));
        refused.error(413, "PAYLOAD_TOO_LARGE");
        assertTrue(refused.object(413).getString("error").contains("ORCHESTRATOR_ARTIFACT_MAX_MB"), refused::toString);

        assertEquals(before, MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM artifact"));
        api.get("/api/artifacts/?artifact_type=movie").error(400, "INVALID_REQUEST");
        api.get("/api/artifacts/?limit=0").error(400, "INVALID_REQUEST");
        api.get("/api/artifacts/no-such-artifact/").error(404, "NOT_FOUND");
    }

    @Test
    void aListPagesByCursorNewestFirst() {
        String run = finishedRun();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(
                    0,
                    upload(Uploads.form(fields("run_id", run), "f" + i + ".txt", "text/plain", new byte[] {(byte) i}))
                            .object(201)
                            .getString("id"));
        }
        JsonObject first = api.get("/api/artifacts/?run_id=" + run + "&limit=2").object(200);
        assertEquals(ids.subList(0, 2), idsOf(first));
        assertEquals(3, first.getInt("total_count"));
        assertTrue(first.getBoolean("has_more"));
        JsonObject second = api.get(
                        "/api/artifacts/?run_id=" + run + "&limit=2&cursor=" + first.getString("next_cursor"))
                .object(200);
        assertEquals(ids.subList(2, 3), idsOf(second));
        assertTrue(second.isNull("next_cursor"));
        api.get("/api/artifacts/?run_id=" + run + "&cursor=garbage").error(400, "INVALID_REQUEST");
    }

    private static List<String> idsOf(JsonObject page) {
        return page.getJsonArray("artifacts").getValuesAs(JsonObject.class).stream()
                .map(artifact -> artifact.getString("id"))
                .toList();
    }

    @Test
    void deletingARunDeletesItsArtifacts() {
        String run = finishedRun();
        String id = upload(Uploads.form(fields("run_id", run), "notes.txt", "text/plain", "notes".getBytes()))
                .object(201)
                .getString("id");
        assertEquals(
                "document", api.get("/api/artifacts/" + id + "/").object(200).getString("artifact_type"));

        assertEquals(204, api.delete("/api/runs/" + run + "/").status());

        api.get("/api/artifacts/" + id + "/").error(404, "NOT_FOUND");
        assertEquals(0, MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM artifact WHERE run_id = ?", run));
    }
}
