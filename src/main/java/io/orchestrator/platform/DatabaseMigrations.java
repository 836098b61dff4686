package io.orchestrator.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

/**
 * Brings the schema up to date at start-up with the SQL migrations of {@code db/}, then has the
 * JPA provider validate its mappings against it. The persistence unit never generates DDL: the
 * migrations are the only way the schema changes.
 *
 * <p>Liberty's class loader cannot list a classpath folder, so every folder Flyway scans holds an empty
 * {@code flyway.location} marker, db/callback included (Flyway always scans it).
 */
@ApplicationScoped
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = "jdbc/orchestrator")
    DataSource dataSource;

    @PersistenceUnit(unitName = "orchestrator")
    EntityManagerFactory entityManagerFactory;

    @Inject
    Event<SchemaReady> schemaReady;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
        String product = databaseProduct();
        String folder = migrationFolder(product);
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/" + folder)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Database migrated to version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                    + " migrations applied) on " + product);
        }
        // Validation is Hibernate's own call because JPA 3.1 has no portable "validate" action.
        entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
        schemaReady.fire(new SchemaReady(
                product,
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion));
    }

    private String databaseProduct() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            return metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
        } catch (SQLException unreachable) {
            throw new IllegalStateException(
                    "Cannot reach the database at start-up: " + unreachable.getMessage()
                            + ". Check ORCHESTRATOR_DB_URL, ORCHESTRATOR_DB_USER and ORCHESTRATOR_DB_PASSWORD.",
                    unreachable);
        }
    }

    /** The migrations are written per database; the folder follows the product, not a setting. */
    static String migrationFolder(String product) {
        String name = product.toLowerCase(Locale.ROOT);
        if (name.startsWith("h2")) {
            return "h2";
        }
        if (name.startsWith("mariadb") || name.startsWith("mysql")) {
            return "mariadb";
        }
        throw new IllegalStateException("Unsupported database " + product + ": use H2 (the default) or MariaDB");
    }
}
