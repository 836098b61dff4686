package io.orchestrator.engine.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The little SQL that differs between H2 and MariaDB for the journal: the upsert, and how an
 * instant is bound so that Hibernate (hibernate.jdbc.time_zone=UTC) reads back what was written.
 */
public enum SqlDialect {
    H2 {
        @Override
        public String upsert(String table, List<String> columns, List<String> key, int rows) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", key)
                    + ") VALUES " + placeholders(columns.size(), rows);
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
        public String upsert(String table, List<String> columns, List<String> key, int rows) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                    + placeholders(columns.size(), rows)
                    + " ON DUPLICATE KEY UPDATE "
                    + columns.stream()
                            .filter(column -> !key.contains(column))
                            .map(column -> column + " = VALUES(" + column + ")")
                            .collect(Collectors.joining(", "));
        }

        @Override
        public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
            // A DATETIME holds UTC wall time, bound as its text: the driver's setObject searched its
            // codecs for every value and a Timestamp with a Calendar built a calendar per value, each
            // a tenth of the journal writer's time at tens of thousands of rows a second.
            if (instant == null) {
                statement.setNull(index, Types.TIMESTAMP);
            } else {
                statement.setString(index, utcDatetime(instant));
            }
        }

        @Override
        public Instant readInstant(ResultSet rows, int column) throws SQLException {
            LocalDateTime value = rows.getObject(column, LocalDateTime.class);
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        }
    };

    /** Inserts {@code rows} rows at once, each replacing the row with the same key if there is one. */
    public abstract String upsert(String table, List<String> columns, List<String> key, int rows);

    public abstract void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

    public abstract Instant readInstant(ResultSet rows, int column) throws SQLException;

    public static SqlDialect of(String databaseProduct) {
        return databaseProduct.toLowerCase(Locale.ROOT).startsWith("h2") ? H2 : MARIADB;
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in UTC, as MariaDB reads a DATETIME(6). */
    static String utcDatetime(Instant instant) {
        LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(26);
        pad(text, time.getYear(), 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append(' ');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2).append('.');
        return pad(text, time.getNano() / 1000, 6).toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int digits) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < digits; i++) {
            text.append('0');
        }
        return text.append(number);
    }

    private static String placeholders(int columns, int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        return String.join(", ", Collections.nCopies(rows, row));
    }
}
