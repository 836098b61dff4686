package io.orchestrator.incontainer;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive every in-container test deploys: the application exactly as built (the WAR the
 * package phase produced), plus the test classes. Runs on the client side before deployment, so it
 * also empties the test database that the application will migrate on start.
 */
final class TestDeployment {

    static final String DATABASE = "orchestrator_arquillian" + System.getProperty("it.db.suffix", "");

    private TestDeployment() {}

    static WebArchive of(Class<?>... testClasses) {
        recreateDatabase();
        File war = new File(System.getProperty("it.war", "target/orchestrator.war"));
        WebArchive archive = ShrinkWrap.createFromZipFile(WebArchive.class, war);
        return ShrinkWrap.create(WebArchive.class, "orchestrator-in-container.war")
                .merge(archive)
                .addClass(TestDeployment.class)
                .addClasses(testClasses);
    }

    private static void recreateDatabase() {
        String url = "jdbc:mariadb://" + System.getProperty("it.db.host", "127.0.0.1") + ":"
                + System.getProperty("it.db.port", "3306") + "/";
        try (Connection connection = DriverManager.getConnection(
                        url, System.getProperty("it.db.user", "root"), System.getProperty("it.db.password", ""));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            // Deliberately not the collation the tables declare (utf8mb4_unicode_ci): a table or a join
            // that depends on the database's default shows up here, as it did for the Quartz tables.
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        } catch (SQLException unreachable) {
            throw new IllegalStateException("The in-container tests need MariaDB at " + url, unreachable);
        }
    }
}
