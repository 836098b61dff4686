package io.orchestrator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatabaseMigrationsTest {

    @Test
    void h2UsesTheH2Migrations() {
        assertEquals("h2", DatabaseMigrations.migrationFolder("H2 2.4.240 (2025-09-22)"));
    }

    @Test
    void mariaDbUsesTheMariaDbMigrations() {
        assertEquals("mariadb", DatabaseMigrations.migrationFolder("MariaDB 10.11.6-MariaDB-0+deb12u1"));
    }

    @Test
    void mySqlUsesTheMariaDbMigrations() {
        assertEquals("mariadb", DatabaseMigrations.migrationFolder("MySQL 8.0.36"));
        assertEquals("mariadb", DatabaseMigrations.migrationFolder("MySQL"));
    }

    @Test
    void anyOtherDatabaseIsRefusedByName() {
        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> DatabaseMigrations.migrationFolder("PostgreSQL 16.2"));
        assertEquals("Unsupported database PostgreSQL 16.2: use H2 (the default) or MariaDB", thrown.getMessage());
    }
}
