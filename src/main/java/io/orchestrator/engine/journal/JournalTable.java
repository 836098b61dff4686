package io.orchestrator.engine.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * One table the journal writes with plain JDBC and the engine reads back: its name, its columns in
 * order, its key, and how a row's values map to those columns both ways. The one place that knows
 * them; the engine's tables are in {@link JournalTables}. Another feature's rows that must be as
 * durable as a run's own (the llm node's candidates) describe their table with {@link #writeOnly}
 * and reach the journal as {@link JournalEntry.TableRows}.
 */
public final class JournalTable<T> {

    /** Binds one row's values at the placeholders after {@code offset}, in column order. */
    public interface Binder<T> {
        void bind(Values values, T row) throws SQLException;
    }

    /** Reads one row from the current result set row, whose first columns are this table's, in order. */
    interface Reader<T> {
        T read(Columns columns) throws SQLException;
    }

    private final String name;
    private final List<String> columns;
    private final List<String> key;
    private final Binder<T> binder;
    private final Reader<T> reader;

    JournalTable(String name, List<String> columns, List<String> key, Binder<T> binder, Reader<T> reader) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.key = List.copyOf(key);
        this.binder = binder;
        this.reader = reader;
    }

    /** A table the journal writes (upserting by {@code key}) and that its feature reads its own way. */
    public static <T> JournalTable<T> writeOnly(String name, List<String> columns, List<String> key, Binder<T> binder) {
        return new JournalTable<>(name, columns, key, binder, columns1 -> {
            throw new UnsupportedOperationException(name + " is read by its own feature, not through the journal");
        });
    }

    public String name() {
        return name;
    }

    List<String> columns() {
        return columns;
    }

    List<String> key() {
        return key;
    }

    /** {@code SELECT <columns> FROM <table>}: read back with {@link #read}. */
    public String select() {
        return "SELECT " + String.join(", ", columns) + " FROM " + name;
    }

    public T read(ResultSet rows, SqlDialect dialect) throws SQLException {
        return reader.read(new Columns(rows, dialect));
    }

    void bind(PreparedStatement statement, SqlDialect dialect, int offset, T row) throws SQLException {
        binder.bind(new Values(statement, dialect, offset), row);
    }

    /** Sets a row's values one after the other from a statement's offset. */
    public static final class Values {
        private final PreparedStatement statement;
        private final SqlDialect dialect;
        private int index;

        Values(PreparedStatement statement, SqlDialect dialect, int offset) {
            this.statement = statement;
            this.dialect = dialect;
            this.index = offset;
        }

        public Values text(String value) throws SQLException {
            if (value == null) {
                statement.setNull(++index, Types.VARCHAR);
            } else {
                statement.setString(++index, value);
            }
            return this;
        }

        public Values number(long value) throws SQLException {
            statement.setLong(++index, value);
            return this;
        }

        public Values decimal(java.math.BigDecimal value) throws SQLException {
            statement.setBigDecimal(++index, value);
            return this;
        }

        public Values bool(boolean value) throws SQLException {
            statement.setBoolean(++index, value);
            return this;
        }

        public Values instant(java.time.Instant value) throws SQLException {
            dialect.bindInstant(statement, ++index, value);
            return this;
        }
    }

    /** Reads a row's columns one after the other. */
    static final class Columns {
        private final ResultSet rows;
        private final SqlDialect dialect;
        private int index;

        Columns(ResultSet rows, SqlDialect dialect) {
            this.rows = rows;
            this.dialect = dialect;
        }

        String text() throws SQLException {
            return rows.getString(++index);
        }

        long number() throws SQLException {
            return rows.getLong(++index);
        }

        java.time.Instant instant() throws SQLException {
            return dialect.readInstant(rows, ++index);
        }
    }
}
