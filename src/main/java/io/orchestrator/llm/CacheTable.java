package io.orchestrator.llm;

import io.orchestrator.engine.journal.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The SQL of table {@code llm_cache}, through plain JDBC on the auto-committing data source: a
 * cache hit is one primary-key read, with no transaction or persistence context around it.
 */
final class CacheTable {

    static final String TABLE = "llm_cache";

    private static final List<String> COLUMNS = List.of(
            "cache_key",
            "workspace",
            "workflow_id",
            "connection_id",
            "model",
            "answer_text",
            "finish_reason",
            "prompt_tokens",
            "completion_tokens",
            "raw_answer",
            "bytes",
            "hits",
            "created_at",
            "expires_at");

    /** What a lookup found, expired or not: the caller decides with its own clock. */
    record Found(CachedAnswer answer, Instant expiresAt) {}

    record Totals(long entries, long bytes) {}

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final String upsert;

    CacheTable(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.upsert = dialect.upsert(TABLE, COLUMNS, List.of("cache_key"), 1);
    }

    Optional<Found> find(String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT answer_text, finish_reason, prompt_tokens, completion_tokens, raw_answer, expires_at"
                                + " FROM llm_cache WHERE cache_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                CachedAnswer answer = new CachedAnswer(
                        row.getString(1), row.getString(2), row.getLong(3), row.getLong(4), row.getString(5));
                return Optional.of(new Found(answer, dialect.readInstant(row, 6)));
            }
        }
    }

    /** Writes the entry, replacing one with the same key (its hits start again from zero). */
    void store(String key, Entry entry) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(upsert)) {
            int column = 1;
            insert.setString(column++, key);
            insert.setString(column++, entry.scope().workspace());
            insert.setString(column++, entry.scope().workflowId());
            insert.setString(column++, entry.connectionId());
            insert.setString(column++, entry.model());
            insert.setString(column++, Objects.requireNonNullElse(entry.answer().text(), ""));
            insert.setString(column++, entry.answer().finishReason());
            insert.setLong(column++, entry.answer().promptTokens());
            insert.setLong(column++, entry.answer().completionTokens());
            insert.setString(column++, entry.answer().raw());
            insert.setLong(column++, entry.bytes());
            insert.setLong(column++, 0);
            dialect.bindInstant(insert, column++, entry.createdAt());
            dialect.bindInstant(insert, column, entry.expiresAt());
            insert.executeUpdate();
        }
    }

    void addHits(Map<String, Long> hitsByKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("UPDATE llm_cache SET hits = hits + ? WHERE cache_key = ?")) {
            for (Map.Entry<String, Long> hits : hitsByKey.entrySet()) {
                update.setLong(1, hits.getValue());
                update.setString(2, hits.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Removes the entry only if it has expired: another server may have just stored it again. */
    void deleteIfExpired(String key, Instant now) throws SQLException {
        update("DELETE FROM llm_cache WHERE cache_key = ? AND expires_at <= ?", key, now);
    }

    int deleteExpired(Instant now) throws SQLException {
        return update("DELETE FROM llm_cache WHERE expires_at <= ?", now);
    }

    int delete(String key) throws SQLException {
        return update("DELETE FROM llm_cache WHERE cache_key = ?", key);
    }

    /** Deletes every entry, or those of a workspace and/or a workflow when given. */
    int deleteAll(String workspace, String workflowId) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (workspace != null) {
            conditions.add("workspace = ?");
            values.add(workspace);
        }
        if (workflowId != null) {
            conditions.add("workflow_id = ?");
            values.add(workflowId);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return update("DELETE FROM llm_cache" + where, values.toArray());
    }

    /** The entries that have not expired, and the bytes of their answers. */
    Totals totals(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM llm_cache WHERE expires_at > ?")) {
            dialect.bindInstant(select, 1, now);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Totals(row.getLong(1), row.getLong(2));
            }
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Instant instant) {
                    dialect.bindInstant(statement, i + 1, instant);
                } else {
                    statement.setString(i + 1, (String) values[i]);
                }
            }
            return statement.executeUpdate();
        }
    }

    /** One row to write. */
    record Entry(
            ResponseCache.Scope scope,
            String connectionId,
            String model,
            CachedAnswer answer,
            long bytes,
            Instant createdAt,
            Instant expiresAt) {}
}
