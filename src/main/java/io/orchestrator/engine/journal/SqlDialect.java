package io.orchestrator.engine.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * The little SQL that differs between H2 and MariaDB for the journal: the upsert, and how an
 * instant is bound so that Hibernate (hibernate.jdbc.time_zone=UTC) reads back what was written.
 */
public enum SqlDialect {
    H2 {
        @Override
        public String upsert(String table, List<String> columns, List<String> key) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", key)
                    + ") VALUES (" + placeholders(columns.size()) + ")";
        }

        @Override
        public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
            if (instant == null) {
                statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
            }
        }

        @Override
        public Instant readInstant(ResultSet rows, int column) throws SQLException {
            OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    },
    MARIADB {
        @Override
        public String upsert(String table, List<String> columns, List<String> key) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns.size())
                    + ") ON DUPLICATE KEY UPDATE " + columns.stream().filter(column -> !key.contains(column))
                    .map(column -> column + " = VALUES(" + column + ")").collect(Collectors.joining(", "));
        }

        @Override
        public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
            if (instant == null) {
                statement.setNull(index, Types.TIMESTAMP);
            } else {
                statement.setTimestamp(index, Timestamp.from(instant), Calendar.getInstance(UTC));
            }
        }

        @Override
        public Instant readInstant(ResultSet rows, int column) throws SQLException {
            Timestamp value = rows.getTimestamp(column, Calendar.getInstance(UTC));
            return value == null ? null : value.toInstant();
        }
    };

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    public abstract String upsert(String table, List<String> columns, List<String> key);

    public abstract void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

    public abstract Instant readInstant(ResultSet rows, int column) throws SQLException;

    public static SqlDialect of(String databaseProduct) {
        return databaseProduct.toLowerCase(Locale.ROOT).startsWith("h2") ? H2 : MARIADB;
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
