package io.orchestrator.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The MariaDB the integration tests run on (127.0.0.1:3306, root, no password unless -Dit.db.* say otherwise). */
public final class MariaDb {

    private MariaDb() {}

    static String host() {
        return System.getProperty("it.db.host", "127.0.0.1");
    }

    static String port() {
        return System.getProperty("it.db.port", "3306");
    }

    public static String user() {
        return System.getProperty("it.db.user", "root");
    }

    public static String password() {
        return System.getProperty("it.db.password", "");
    }

    public static String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port() + "/" + database;
    }

    /** Drops and creates the database, so that every run starts from an empty schema. */
    public static void recreate(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            // Deliberately not the collation the tables declare (utf8mb4_unicode_ci): a table or a join
            // that depends on the database's default shows up here, as it did for the Quartz tables.
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        } catch (SQLException unreachable) {
            throw new IllegalStateException(
                    "The integration tests need MariaDB at " + host() + ":" + port() + " (user " + user() + "): "
                            + unreachable.getMessage(),
                    unreachable);
        }
    }

    /** A user with a password and every right on the database, for servers that refuse an empty password. */
    static void grantPasswordUser(String database, String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), user(), password());
                PreparedStatement create =
                        connection.prepareStatement("CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ?");
                Statement grant = connection.createStatement()) {
            create.setString(1, user);
            create.setString(2, password);
            create.execute();
            // The database name was checked by recreate(); a user name cannot be a statement parameter here.
            grant.execute("GRANT ALL PRIVILEGES ON " + database + ".* TO '" + user + "'@'%'");
        } catch (SQLException refused) {
            throw new IllegalStateException(
                    "Could not create the database user " + user + ": " + refused.getMessage(), refused);
        }
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password());
    }

    /** The first column of the first row (a count, a stored value), or null when there is no row. */
    public static Object queryValue(String database, String sql, Object... parameters) {
        try (Connection connection = connect(database);
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getObject(1) : null;
        } catch (SQLException failed) {
            throw new IllegalStateException(sql + " failed: " + failed.getMessage(), failed);
        }
    }

    public static long count(String database, String sql, Object... parameters) {
        return ((Number) queryValue(database, sql, parameters)).longValue();
    }

    /** Changes rows behind the server's back, as the engine or an operator would. */
    public static int update(String database, String sql, Object... parameters) {
        try (Connection connection = connect(database);
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException(sql + " failed: " + failed.getMessage(), failed);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
