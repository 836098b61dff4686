package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/workflow/{id}/notes/}: sticky notes, saved with the canvas, versioned like the graph,
 * carried by canvas_data and by workflow files, and refused to a viewer.
 */
class NoteApiIT {

    private static final String DB = SharedServer.DATABASE;

    private final Api api = SharedServer.admin();

    @Test
    void aNoteIsAddedChangedAndRemovedEachBumpingTheVersion() {
        TestWorkflow workflow = TestWorkflow.create(api, "Notes");
        long before = workflow.version();

        JsonObject added = api.post(
                        workflow.path("notes/"),
                        "{\"text\": \"# Plan\\n*check* the **stock**\", \"position\": {\"x\": 10, \"y\": -20}}")
                .object(201);
        String id = added.getString("id");
        UUID.fromString(id);
        assertEquals("# Plan\n*check* the **stock**", added.getString("text"));
        assertEquals(10, added.getJsonObject("position").getJsonNumber("x").intValue());
        assertEquals(240, added.getJsonNumber("width").intValue(), "a new note has the default size");
        assertEquals(160, added.getJsonNumber("height").intValue());
        assertEquals("yellow", added.getString("color"));
        assertEquals(before + 1, added.getJsonNumber("workflow_version").longValue());

        JsonObject changed = api.patch(
                        workflow.path("notes/" + id + "/"), "{\"width\": 400, \"height\": 300, \"color\": \"blue\"}")
                .object(200);
        assertEquals(400, changed.getJsonNumber("width").intValue());
        assertEquals("blue", changed.getString("color"));
        assertEquals("# Plan\n*check* the **stock**", changed.getString("text"), "absent fields stay");
        assertEquals(before + 2, changed.getJsonNumber("workflow_version").longValue());
        assertEquals(
                1,
                MariaDb.count(
                        DB,
                        "SELECT COUNT(*) FROM workflow_note WHERE id = ? AND workflow_id = ? AND width = 400"
                                + " AND color = 'blue'",
                        id,
                        workflow.id()));

        JsonArray notes = workflow.canvas().getJsonArray("notes");
        assertEquals(1, notes.size());
        assertEquals(id, notes.getJsonObject(0).getString("id"));
        assertEquals(
                id,
                api.get(workflow.path("notes/"))
                        .object(200)
                        .getJsonArray("notes")
                        .getJsonObject(0)
                        .getString("id"));

        JsonObject removed = api.delete(workflow.path("notes/" + id + "/")).object(200);
        assertEquals(before + 3, removed.getJsonNumber("workflow_version").longValue());
        assertEquals(0, workflow.canvas().getJsonArray("notes").size());
        assertEquals(0, MariaDb.count(DB, "SELECT COUNT(*) FROM workflow_note WHERE workflow_id = ?", workflow.id()));
    }

    @Test
    void badNotesAre4xxWithTheFieldsNamed() {
        TestWorkflow workflow = TestWorkflow.create(api, "Bad notes");
        JsonObject details = api.post(
                        workflow.path("notes/"),
                        "{\"text\": \"" + "x".repeat(20_001) + "\", \"color\": \"orange\", \"width\": 5,"
                                + " \"position\": {\"x\": \"left\"}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(details.containsKey("text"), details.toString());
        assertTrue(details.containsKey("color"), details.toString());
        assertTrue(details.containsKey("width"), details.toString());
        assertTrue(details.containsKey("position"), details.toString());
        api.post(workflow.path("notes/"), "{\"text\": 12}").error(422, "VALIDATION_ERROR");
        api.post(workflow.path("notes/"), "[1]").error(400, "INVALID_REQUEST");

        String unknown = UUID.randomUUID().toString();
        api.patch(workflow.path("notes/" + unknown + "/"), "{\"text\": \"x\"}").error(404, "NOT_FOUND");
        api.delete(workflow.path("notes/" + unknown + "/")).error(404, "NOT_FOUND");
        String elsewhere = api.post(TestWorkflow.create(api, "Other").path("notes/"), "{}")
                .object(201)
                .getString("id");
        api.patch(workflow.path("notes/" + elsewhere + "/"), "{\"text\": \"x\"}")
                .error(404, "NOT_FOUND");
        api.post("/api/workflow/" + unknown + "/notes/", "{}").error(404, "NOT_FOUND");
        assertEquals(0, workflow.canvas().getJsonArray("notes").size());
    }

    @Test
    void canvasDataReplacesTheNotesWhenGivenAndKeepsThemWhenNot() {
        TestWorkflow workflow = TestWorkflow.create(api, "Canvas notes");
        String node = workflow.addNodeId("transform", "Shape");
        String kept = api.post(workflow.path("notes/"), "{\"text\": \"keep\"}")
                .object(201)
                .getString("id");
        api.post(workflow.path("notes/"), "{\"text\": \"drop\"}").object(201);

        JsonObject canvas = workflow.canvas();
        JsonObject withoutNotes =
                Json.createObjectBuilder(canvas).remove("notes").build();
        JsonObject replaced =
                api.put(workflow.path("canvas_data/"), withoutNotes).object(200);
        assertEquals(2, replaced.getJsonArray("notes").size(), "a client that sends no notes leaves them");

        String brought = UUID.randomUUID().toString();
        JsonObject body = Json.createObjectBuilder(replaced)
                .add(
                        "notes",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("id", kept)
                                        .add("text", "kept, moved")
                                        .add(
                                                "position",
                                                Json.createObjectBuilder()
                                                        .add("x", 300)
                                                        .add("y", 40)))
                                .add(Json.createObjectBuilder()
                                        .add("id", brought)
                                        .add("text", "back")
                                        .add("color", "green")))
                .build();
        JsonArray notes =
                api.put(workflow.path("canvas_data/"), body).object(200).getJsonArray("notes");
        assertEquals(2, notes.size());
        assertEquals(kept, notes.getJsonObject(0).getString("id"));
        assertEquals("kept, moved", notes.getJsonObject(0).getString("text"));
        assertEquals(
                300,
                notes.getJsonObject(0)
                        .getJsonObject("position")
                        .getJsonNumber("x")
                        .intValue());
        assertEquals(brought, notes.getJsonObject(1).getString("id"), "an unused UUID is kept (undo)");
        assertEquals(
                node, workflow.canvas().getJsonArray("nodes").getJsonObject(0).getString("id"));

        JsonObject stale = Json.createObjectBuilder(body)
                .add("notes", Json.createArrayBuilder())
                .build();
        api.put(workflow.path("canvas_data/"), stale).error(409, "CONFLICT");
        JsonObject bad = Json.createObjectBuilder(body)
                .add("version", workflow.version())
                .add(
                        "notes",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("color", "orange")))
                .build();
        JsonObject details = api.put(workflow.path("canvas_data/"), bad).error(422, "VALIDATION_ERROR");
        assertTrue(details.containsKey("notes[0]"), details.toString());
        assertEquals(2, workflow.canvas().getJsonArray("notes").size(), "a refused canvas changes nothing");
    }

    @Test
    void notesGoIntoTheFileAndComeBackFromIt() {
        TestWorkflow workflow = TestWorkflow.create(api, "Filed notes");
        workflow.addNodeId("transform", "Shape");
        api.post(
                        workflow.path("notes/"),
                        "{\"text\": \"## Why\\n- [docs](https://example.org)\", \"color\": \"pink\","
                                + " \"position\": {\"x\": 5, \"y\": 6}, \"width\": 320, \"height\": 200}")
                .object(201);

        JsonObject file = api.get(workflow.path("export/?format=json")).object(200);
        JsonArray filed = file.getJsonArray("notes");
        assertEquals(1, filed.size());
        assertEquals("pink", filed.getJsonObject(0).getString("color"));
        assertTrue(!filed.getJsonObject(0).containsKey("id"), "a file holds no ids: " + filed);

        String copy = api.send("POST", "/api/workflow/import/", file.toString(), "application/json")
                .object(201)
                .getString("id");
        JsonObject copied = api.get("/api/workflow/" + copy + "/canvas_data/").object(200);
        JsonObject note = copied.getJsonArray("notes").getJsonObject(0);
        assertEquals("## Why\n- [docs](https://example.org)", note.getString("text"));
        assertEquals(320, note.getJsonNumber("width").intValue());
        assertEquals(
                filed,
                api.get("/api/workflow/" + copy + "/export/?format=json")
                        .object(200)
                        .getJsonArray("notes"),
                "export, import, export gives the same notes");

        JsonObject badFile = Json.createObjectBuilder(file)
                .add(
                        "notes",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("width", -1)))
                .build();
        api.send("POST", "/api/workflow/import/", badFile.toString(), "application/json")
                .error(422, "VALIDATION_ERROR");
    }

    @Test
    void aViewerReadsTheNotesButCannotChangeThem() {
        String space = "notes-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/workspaces/", "{\"name\": \"" + space + "\"}").object(201);
        String token = api.post(
                        "/api/tokens/", "{\"name\": \"viewer\", \"workspaces\": {\"" + space + "\": \"viewer\"}}")
                .object(201)
                .getString("token");
        Api viewer = SharedServer.anonymous().withToken(token);
        TestWorkflow workflow = TestWorkflow.createIn(api, space, "Viewed notes");
        String id = api.post(workflow.path("notes/"), "{\"text\": \"read me\"}")
                .object(201)
                .getString("id");

        assertEquals(
                1,
                viewer.get(workflow.path("canvas_data/"))
                        .object(200)
                        .getJsonArray("notes")
                        .size());
        assertEquals(
                1,
                viewer.get(workflow.path("notes/"))
                        .object(200)
                        .getJsonArray("notes")
                        .size());
        viewer.post(workflow.path("notes/"), "{\"text\": \"mine\"}").error(403, "FORBIDDEN");
        viewer.patch(workflow.path("notes/" + id + "/"), "{\"text\": \"changed\"}")
                .error(403, "FORBIDDEN");
        viewer.delete(workflow.path("notes/" + id + "/")).error(403, "FORBIDDEN");
        assertEquals(
                "read me",
                workflow.canvas().getJsonArray("notes").getJsonObject(0).getString("text"));
    }
}
