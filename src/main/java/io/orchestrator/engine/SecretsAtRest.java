package io.orchestrator.engine;

import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.NodeTypeRegistry;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.nodes.form.SecretValues;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.platform.SchemaReady;
import io.orchestrator.security.Secrets;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Seals the secrets of node forms that were stored in clear before secrets were sealed: in the
 * nodes and in the graphs that runs executed. A SQL migration cannot encrypt, and a Flyway Java
 * migration would need the key before the application's configuration is at hand; so this runs
 * once the schema is ready, at every start, and changes only rows that still hold a clear secret
 * (idempotent: a second start finds none). It also loads the key, so a bad key stops the start.
 */
@ApplicationScoped
public class SecretsAtRest {

    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class.getName());

    @Inject
    NodeTypeRegistry types;

    @Inject
    Secrets secrets;

    @Resource(lookup = "jdbc/orchestrator-direct")
    DataSource dataSource;

    void onSchemaReady(@Observes SchemaReady ready) {
        secrets.loadKey();
        Map<String, Form> forms = types.all().stream()
                .filter(type -> SecretValues.hasSecrets(type.form()))
                .collect(Collectors.toMap(NodeType::key, NodeType::form));
        if (forms.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            int nodes = sealNodes(connection, forms);
            int graphs = sealGraphs(connection, forms);
            if (nodes + graphs > 0) {
                LOG.info("Sealed the clear secrets of " + nodes + " nodes and " + graphs + " run graphs");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot seal the stored secrets: " + failed.getMessage(), failed);
        }
    }

    private int sealNodes(Connection connection, Map<String, Form> forms) throws SQLException {
        String types = forms.keySet().stream().map(key -> "?").collect(Collectors.joining(", "));
        List<String[]> changed = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, node_type, form_values FROM workflow_node WHERE node_type IN (" + types + ")")) {
            int i = 1;
            for (String key : forms.keySet()) {
                select.setString(i++, key);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    JsonObject values = JsonText.parseObject(rows.getString(3));
                    JsonObject sealed = sealed(forms.get(rows.getString(2)), values);
                    if (sealed != values) {
                        changed.add(new String[] {sealed.toString(), rows.getString(1)});
                    }
                }
            }
        }
        return update(connection, "UPDATE workflow_node SET form_values = ? WHERE id = ?", changed);
    }

    /**
     * Run graphs keep each node's form values as the node had them; the type of each is in the graph.
     * Only graphs with a secret field not in the sealed format are read: a graph was stored either
     * before secrets were sealed (all in clear) or after (all sealed), so the others need no look.
     */
    private int sealGraphs(Connection connection, Map<String, Form> forms) throws SQLException {
        List<String> fields = forms.values().stream()
                .flatMap(form -> form.fields().stream())
                .filter(field -> field.type() == FieldType.SECRET)
                .map(FormField::name)
                .distinct()
                .toList();
        String holdsAClearSecret = fields.stream()
                .map(field -> "(graph LIKE ? AND graph NOT LIKE ?)")
                .collect(Collectors.joining(" OR "));
        List<String[]> changed = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT workflow_id, version, graph FROM workflow_snapshot WHERE " + holdsAClearSecret)) {
            int i = 1;
            for (String field : fields) {
                select.setString(i++, "%\"" + field + "\":\"%");
                select.setString(i++, "%\"" + field + "\":\"enc:v1:%");
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    JsonObject graph = JsonText.parseObject(rows.getString(3));
                    JsonObject sealed = sealedGraph(graph, forms::get);
                    if (sealed != graph) {
                        changed.add(
                                new String[] {sealed.toString(), rows.getString(1), Long.toString(rows.getLong(2))});
                    }
                }
            }
        }
        return update(
                connection, "UPDATE workflow_snapshot SET graph = ? WHERE workflow_id = ? AND version = ?", changed);
    }

    private JsonObject sealedGraph(JsonObject graph, Function<String, Form> formOf) {
        boolean changed = false;
        JsonArrayBuilder nodes = Jsonp.JSON.createArrayBuilder();
        for (JsonValue value : graph.getJsonArray("nodes")) {
            JsonObject node = value.asJsonObject();
            Form form = formOf.apply(node.getString("type", ""));
            JsonObject values = node.getJsonObject("form_values");
            JsonObject sealed = form == null || values == null ? values : sealed(form, values);
            if (sealed != values) {
                changed = true;
                node = Jsonp.JSON
                        .createObjectBuilder(node)
                        .add("form_values", sealed)
                        .build();
            }
            nodes.add(node);
        }
        return changed
                ? Jsonp.JSON.createObjectBuilder(graph).add("nodes", nodes).build()
                : graph;
    }

    private JsonObject sealed(Form form, JsonObject values) {
        return SecretValues.withSecrets(form, values, secrets::sealIfClear);
    }

    private static int update(Connection connection, String sql, List<String[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (String[] row : rows) {
                update.setString(1, row[0]);
                update.setString(2, row[1]);
                if (row.length > 2) {
                    update.setLong(3, Long.parseLong(row[2]));
                }
                update.addBatch();
            }
            update.executeBatch();
        }
        return rows.size();
    }
}
