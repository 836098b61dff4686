package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.form.SecretValues;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.RequestBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code PUT canvas_data}: replaces a workflow's whole graph in one transaction, or changes nothing.
 * The request carries the version it was based on; a stale one gets 409. Nodes keep their ids (and
 * their last input and output) when they are this workflow's; any other id is the client's own and
 * gets a server id, reported in {@code id_map}, and edges may refer to nodes by either.
 */
@ApplicationScoped
@Transactional
public class CanvasReplacement {

    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F-]{36}");
    static final int MAX_NODES = 5_000;
    static final int MAX_EDGES = 20_000;

    /** A node as the request describes it, with its server id decided. */
    private record NodeDraft(
            String id,
            NodeType type,
            String name,
            Position position,
            JsonObject formValues,
            NodeChanges settings,
            NodePins.Change pin) {}

    @Inject
    WorkflowChanges versions;

    @Inject
    WorkflowRepository workflows;

    @Inject
    CanvasService canvas;

    @Inject
    NoteService notes;

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    public JsonObject replace(String workflowId, JsonObject json) {
        RequestBody body = RequestBody.of(json);
        Long version = body.integer("version", 0, Long.MAX_VALUE).orElse(null);
        if (version == null && !body.errors().isEmpty()) {
            body.validate();
        }
        if (version == null) {
            body.errors().add("version", "This field is required: the version of the canvas this change is based on.");
        }
        JsonArray nodeList = body.array("nodes").orElse(JsonValue.EMPTY_JSON_ARRAY);
        JsonArray edgeList = body.array("edges").orElse(JsonValue.EMPTY_JSON_ARRAY);
        JsonArray noteList = body.array("notes").orElse(null);
        if (nodeList.size() > MAX_NODES) {
            body.errors().add("nodes", "At most " + MAX_NODES + " nodes.");
        }
        if (edgeList.size() > MAX_EDGES) {
            body.errors().add("edges", "At most " + MAX_EDGES + " edges.");
        }
        body.validate();

        Workflow workflow = workflows.lock(workflowId);
        if (workflow.version() != version) {
            throw ApiException.conflict(
                    "The canvas changed since version " + version + "; load it again and reapply" + " your change",
                    JSON.createObjectBuilder()
                            .add("current_version", workflow.version())
                            .build());
        }
        Map<String, WorkflowNode> stored = new HashMap<>();
        workflows.nodes(workflowId).forEach(node -> stored.put(node.id(), node));

        FieldErrors errors = new FieldErrors();
        Map<String, String> idMap = new LinkedHashMap<>();
        Set<String> usedElsewhere = workflows.existingNodeIds(clientUuids(nodeList, stored));
        List<NodeDraft> drafts = readNodes(nodeList, stored, usedElsewhere, idMap, errors);
        List<WorkflowGraph.Edge> edges = readEdges(edgeList, drafts, idMap, errors);
        // Notes are optional here: a client that does not know them leaves them as they are.
        List<NoteService.Draft> noteDrafts = noteList == null ? null : NoteService.read(noteList, errors);
        errors.throwIfAny("The canvas is not valid");

        apply(workflow, stored, drafts, edges);
        if (noteDrafts != null) {
            notes.replaceAll(workflowId, noteDrafts);
        }
        JsonObject result = canvas.canvas(workflowId);
        return JSON.createObjectBuilder(result)
                .add("id_map", WorkflowJson.idMap(idMap))
                .build();
    }

    private List<NodeDraft> readNodes(
            JsonArray list,
            Map<String, WorkflowNode> stored,
            Set<String> usedElsewhere,
            Map<String, String> idMap,
            FieldErrors errors) {
        List<NodeDraft> drafts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            FieldErrors nodeErrors = errors.nested("nodes[" + i + "]");
            if (!(list.get(i) instanceof JsonObject json)) {
                nodeErrors.add("node", "Must be an object.");
                continue;
            }
            RequestBody body = RequestBody.part(json, nodeErrors);
            String clientId = body.text("id", 100).orElse(null);
            String typeKey = body.text("node_type", 100)
                    .or(() -> body.text("nodeTemplate", 100))
                    .orElse(null);
            NodeChanges changes = NodeChanges.read(body);
            NodeType type = typeKey == null ? null : canvas.typeOrNull(typeKey);
            if (typeKey == null) {
                body.errors().add("node_type", "This field is required.");
            } else if (type == null) {
                body.errors().add("node_type", canvas.unknownTypeMessage(typeKey));
            }
            String id = serverId(clientId, stored, usedElsewhere, idMap);
            if (clientId != null
                            && idMap.containsKey(clientId)
                            && !idMap.get(clientId).equals(id)
                    || drafts.stream().anyMatch(draft -> draft.id().equals(id))) {
                body.errors().add("id", "The id " + clientId + " is used by two nodes.");
            }
            JsonObject formValues = JsonValue.EMPTY_JSON_OBJECT;
            if (type != null) {
                WorkflowNode existing = stored.get(id);
                JsonObject given = changes.formValues().orElse(JsonValue.EMPTY_JSON_OBJECT);
                formValues = existing == null
                        ? type.initialValues(given)
                        : SecretValues.keepMasked(type.form(), given, JsonText.parseObject(existing.formValues()));
                formValues =
                        canvas.checkedForStorage(type, formValues, body.errors().nested("form_values"));
            }
            String name = changes.name().orElse(type == null ? "" : type.displayName() + " " + (i + 1));
            if (!names.add(name)) {
                body.errors().add("name", "Another node in this canvas is named '" + name + "'.");
            }
            NodePins.Change pin = NodePins.Change.read(body, type == null ? null : type.routes(formValues));
            drafts.add(new NodeDraft(
                    id, type, name, changes.position().orElse(Position.ORIGIN), formValues, changes, pin));
        }
        return drafts;
    }

    /** The UUID-shaped ids the request gives to nodes this workflow does not have yet. */
    private static Set<String> clientUuids(JsonArray list, Map<String, WorkflowNode> stored) {
        Set<String> ids = new HashSet<>();
        for (JsonValue item : list) {
            if (item instanceof JsonObject node
                    && node.get("id") instanceof JsonString id
                    && UUID_TEXT.matcher(id.getString()).matches()
                    && !stored.containsKey(id.getString())) {
                ids.add(id.getString());
            }
        }
        return ids;
    }

    /** This workflow's node ids stay; a UUID nobody uses is taken as given; anything else gets a new id. */
    private String serverId(
            String clientId, Map<String, WorkflowNode> stored, Set<String> usedElsewhere, Map<String, String> idMap) {
        if (clientId == null) {
            return UUID.randomUUID().toString();
        }
        if (stored.containsKey(clientId)) {
            return clientId;
        }
        if (idMap.containsKey(clientId)) {
            return idMap.get(clientId);
        }
        String id = UUID_TEXT.matcher(clientId).matches() && !usedElsewhere.contains(clientId)
                ? clientId
                : UUID.randomUUID().toString();
        if (!id.equals(clientId)) {
            idMap.put(clientId, id);
        }
        return id;
    }

    private List<WorkflowGraph.Edge> readEdges(
            JsonArray list, List<NodeDraft> drafts, Map<String, String> idMap, FieldErrors errors) {
        List<WorkflowGraph.Node> graphNodes = drafts.stream()
                .filter(draft -> draft.type() != null)
                .map(draft -> new WorkflowGraph.Node(
                        draft.id(),
                        draft.name(),
                        draft.type().isTrigger(),
                        draft.type().routes(draft.formValues())))
                .toList();
        WorkflowGraph graph = new WorkflowGraph(graphNodes, List.of());
        List<WorkflowGraph.Edge> edges = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            FieldErrors edgeErrors = errors.nested("edges[" + i + "]");
            if (!(list.get(i) instanceof JsonObject json)) {
                edgeErrors.add("edge", "Must be an object.");
                continue;
            }
            RequestBody body = RequestBody.part(json, edgeErrors);
            WorkflowGraph.Edge edge = EdgeRequest.read(body);
            if (!edgeErrors.isEmpty()) {
                continue;
            }
            edge = new WorkflowGraph.Edge(
                    edge.id() != null && UUID_TEXT.matcher(edge.id()).matches() ? edge.id() : null,
                    idMap.getOrDefault(edge.source(), edge.source()),
                    edge.sourceHandle(),
                    idMap.getOrDefault(edge.target(), edge.target()),
                    edge.targetHandle());
            if (graph.check(edge, edgeErrors)) {
                graph.add(edge);
                edges.add(edge);
            }
        }
        return edges;
    }

    private void apply(
            Workflow workflow,
            Map<String, WorkflowNode> stored,
            List<NodeDraft> drafts,
            List<WorkflowGraph.Edge> edges) {
        String workflowId = workflow.id();
        em.createQuery("delete from WorkflowEdge e where e.workflowId = :workflowId")
                .setParameter("workflowId", workflowId)
                .executeUpdate();
        Set<String> kept = new HashSet<>();
        drafts.forEach(draft -> kept.add(draft.id()));
        for (WorkflowNode node : stored.values()) {
            if (!kept.contains(node.id())) {
                workflows.remove(node);
            }
        }
        // Names are unique per workflow: park renamed nodes under their ids first, so that two nodes
        // swapping names never meet the constraint half-way.
        boolean parked = false;
        for (NodeDraft draft : drafts) {
            WorkflowNode node = stored.get(draft.id());
            if (node != null && !node.name().equals(draft.name())) {
                node.rename(node.id());
                parked = true;
            }
        }
        workflows.flush();
        for (NodeDraft draft : drafts) {
            WorkflowNode node = stored.get(draft.id());
            if (node == null) {
                node = new WorkflowNode(
                        draft.id(),
                        workflowId,
                        draft.type().key(),
                        draft.name(),
                        draft.position(),
                        draft.formValues().toString(),
                        draft.settings().applyTo(NodeSettings.DEFAULTS));
                draft.pin().applyTo(node);
                workflows.add(node);
            } else {
                draft.pin().applyTo(node);
                if (parked || !node.name().equals(draft.name())) {
                    node.rename(draft.name());
                }
                node.moveTo(draft.position());
                node.replaceFormValues(draft.formValues().toString());
                node.apply(draft.settings().applyTo(NodeSettings.DEFAULTS));
            }
        }
        workflows.flush();
        edges.forEach(edge -> workflows.add(new WorkflowEdge(workflowId, edge)));
        versions.record(workflow);
        workflows.flush();
    }
}
