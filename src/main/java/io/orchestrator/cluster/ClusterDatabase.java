package io.orchestrator.cluster;

import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.SqlDialect;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * The cluster's tables' common needs: a connection outside any transaction, and the database's own
 * clock, the one clock every server agrees on (their own may differ): times written and compared
 * here are the database's, read and bound through the same JDBC conversion.
 */
@ApplicationScoped
public class ClusterDatabase {

    @Resource(lookup = "jdbc/orchestrator-direct")
    DataSource dataSource;

    @Inject
    RunJournal journal;

    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    SqlDialect dialect() {
        return journal.dialect();
    }

    static Timestamp now(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT CURRENT_TIMESTAMP(3)");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getTimestamp(1);
        }
    }

    static Timestamp minus(Timestamp at, long millis) {
        return new Timestamp(at.getTime() - millis);
    }
}
