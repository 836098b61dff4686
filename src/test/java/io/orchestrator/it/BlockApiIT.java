package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/blocks/}: prompt blocks, their search, and what is refused. */
class BlockApiIT {

    private final Api api = SharedServer.admin();
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    private JsonObject create(String title, String content, String tagsJson, String folder) {
        return api.post(
                        "/api/blocks/",
                        "{\"title\": \"" + title + "\", \"content\": \"" + content + "\", \"tags\": " + tagsJson
                                + ", \"folder_path\": \"" + folder + "\"}")
                .object(201);
    }

    private static List<String> titles(JsonArray blocks) {
        return blocks.getValuesAs(JsonObject.class).stream()
                .map(block -> block.getString("title"))
                .toList();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void createReadUpdatePatchAndDelete() {
        String title = "Introduction " + unique;
        JsonObject created = create(title, "This is an introduction block", "\" intro, greeting,intro\"", "Common");
        String id = created.getString("id");
        UUID.fromString(id);
        assertEquals(title, created.getString("title"));
        assertEquals("This is an introduction block", created.getString("content"));
        assertEquals(
                List.of("intro", "greeting"),
                Api.strings(created.getJsonArray("tags")),
                "a comma string, trimmed, once each");
        assertEquals("Common", created.getString("folder_path"));
        Instant.parse(created.getString("created_at"));
        assertEquals(created.getString("created_at"), created.getString("updated_at"));
        assertEquals(
                title, MariaDb.queryValue(SharedServer.DATABASE, "SELECT title FROM prompt_block WHERE id = ?", id));

        assertEquals(created, api.get("/api/blocks/" + id + "/").object(200));

        JsonObject replaced = api.put(
                        "/api/blocks/" + id + "/",
                        "{\"title\": \"Updated " + title + "\", \"content\": \"updated\", \"tags\": [\"a\", \" b \"]}")
                .object(200);
        assertEquals("Updated " + title, replaced.getString("title"));
        assertEquals("updated", replaced.getString("content"));
        assertEquals(List.of("a", "b"), Api.strings(replaced.getJsonArray("tags")));
        assertEquals("Common", replaced.getString("folder_path"), "a field left out keeps its value");
        assertTrue(Instant.parse(replaced.getString("updated_at"))
                        .compareTo(Instant.parse(created.getString("updated_at")))
                >= 0);

        JsonObject patched = api.patch("/api/blocks/" + id + "/", "{\"folder_path\": \"/Common/Sub/\"}")
                .object(200);
        assertEquals("Common/Sub", patched.getString("folder_path"));
        assertEquals("updated", patched.getString("content"));

        JsonObject deleted = api.delete("/api/blocks/" + id + "/").object(200);
        assertEquals("Block deleted successfully", deleted.getString("message"));
        api.get("/api/blocks/" + id + "/").error(404, "NOT_FOUND");
        api.delete("/api/blocks/" + id + "/").error(404, "NOT_FOUND");
        api.patch("/api/blocks/" + id + "/", "{\"content\": \"x\"}").error(404, "NOT_FOUND");
        assertEquals(
                0L,
                ((Number) MariaDb.queryValue(
                                SharedServer.DATABASE, "SELECT COUNT(*) FROM prompt_block WHERE id = ?", id))
                        .longValue());
    }

    @Test
    void searchByTextTagAndFolderWithPages() {
        create("Alpha " + unique, "Greets the READER warmly", "[\"tone-" + unique + "\"]", "F" + unique);
        create("Beta " + unique, "plain text", "\"tone-" + unique + ", other\"", "F" + unique + "/Sub");
        create("Gamma " + unique, "also plain", "[]", "F" + unique + "Sibling");

        assertEquals(
                List.of("Alpha " + unique),
                titles(api.get("/api/blocks/?q=" + encoded("reader WARMLY")).array(200)),
                "content, any case");
        assertEquals(
                List.of("Beta " + unique),
                titles(api.get("/api/blocks/?q=" + encoded("beta " + unique)).array(200)),
                "title, any case");

        Api.Response tagged = api.get("/api/blocks/?tag=tone-" + unique);
        assertEquals(List.of("Alpha " + unique, "Beta " + unique), titles(tagged.array(200)));
        assertEquals("2", tagged.header("X-Total-Count").orElse(null));
        assertEquals(
                List.of(),
                titles(api.get("/api/blocks/?tag=tone").array(200)).stream()
                        .filter(t -> t.endsWith(unique))
                        .toList(),
                "whole tags only");

        assertEquals(
                List.of("Alpha " + unique, "Beta " + unique),
                titles(api.get("/api/blocks/?folder=F" + unique).array(200)),
                "a folder and its subfolders, not a sibling sharing its prefix");
        assertEquals(
                List.of("Beta " + unique),
                titles(api.get("/api/blocks/?folder=" + encoded("F" + unique + "/Sub/"))
                        .array(200)));

        Api.Response page = api.get("/api/blocks/?q=" + unique + "&limit=2&offset=1");
        assertEquals(List.of("Beta " + unique, "Gamma " + unique), titles(page.array(200)));
        assertEquals("3", page.header("X-Total-Count").orElse(null));
    }

    @Test
    void titlesAreUnique() {
        String title = "Unique " + unique;
        JsonObject first = create(title, "one", "[]", "");
        JsonObject clash = api.post("/api/blocks/", "{\"title\": \"" + title + "\", \"content\": \"two\"}")
                .error(409, "CONFLICT");
        assertEquals(title, clash.getString("title"));

        JsonObject other = create("Other " + unique, "x", "[]", "");
        api.patch("/api/blocks/" + other.getString("id") + "/", "{\"title\": \"" + title + "\"}")
                .error(409, "CONFLICT");
        api.patch("/api/blocks/" + first.getString("id") + "/", "{\"title\": \"" + title + "\"}")
                .object(200);
        JsonObject caseDiffers = create("UNIQUE " + unique, "case counts", "[]", "");
        assertNotEquals(first.getString("id"), caseDiffers.getString("id"));
    }

    @Test
    void badInputIsRefusedWithTheField() {
        assertTrue(api.post("/api/blocks/", "{\"content\": \"x\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("title"));
        assertTrue(api.post("/api/blocks/", "{\"title\": \"t" + unique + "\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("content"));
        assertTrue(api.post("/api/blocks/", "{\"title\": \"" + "x".repeat(201) + "\", \"content\": \"x\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("title"));
        assertTrue(api.post("/api/blocks/", "{\"title\": \"a}}b\", \"content\": \"x\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("title"));
        assertTrue(api.post("/api/blocks/", "{\"title\": 5, \"content\": \"x\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("title"));
        assertTrue(api.post(
                        "/api/blocks/",
                        "{\"title\": \"big" + unique + "\", \"content\": \"" + "x".repeat(100_001) + "\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("content"));
        assertTrue(api.post("/api/blocks/", "{\"title\": \"t" + unique + "\", \"content\": \"x\", \"tags\": [1]}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("tags"));
        assertTrue(api.post(
                        "/api/blocks/",
                        "{\"title\": \"t" + unique + "\", \"content\": \"x\", \"tags\": \"" + "t".repeat(51) + "\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("tags"));
        assertTrue(api.post(
                        "/api/blocks/",
                        "{\"title\": \"t" + unique + "\", \"content\": \"x\", \"folder_path\": \"" + "f".repeat(501)
                                + "\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("folder_path"));
        api.post("/api/blocks/", "{\"title\": ").error(400, "INVALID_REQUEST");
        api.post("/api/blocks/", "[1]").error(400, "INVALID_REQUEST");
        api.get("/api/blocks/?limit=0").error(400, "INVALID_REQUEST");
        api.get("/api/blocks/?offset=x").error(400, "INVALID_REQUEST");
        api.get("/api/blocks/?q=" + "q".repeat(201)).error(400, "INVALID_REQUEST");
        api.get("/api/blocks/" + UUID.randomUUID() + "/").error(404, "NOT_FOUND");
        assertEquals(
                0L,
                ((Number) MariaDb.queryValue(
                                SharedServer.DATABASE,
                                "SELECT COUNT(*) FROM prompt_block WHERE title = ?",
                                "t" + unique))
                        .longValue());
    }

    @Test
    void tagsComeBackAsAListOfStrings() {
        JsonObject created = create("Tags " + unique, "x", "[\"z\", \"y\"]", "");
        assertTrue(created.getJsonArray("tags").get(0) instanceof JsonString);
        assertEquals(
                List.of("z", "y"),
                Api.strings(api.get("/api/blocks/" + created.getString("id") + "/")
                        .object(200)
                        .getJsonArray("tags")));
    }
}
