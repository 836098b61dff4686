package io.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.journal.SqlDialect;
import io.orchestrator.testing.ManualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cache on a real (embedded H2) database migrated as the server migrates it; only the clock is the test's. */
class DatabaseResponseCacheTest {

    private static final ResponseCache.Scope SCOPE = new ResponseCache.Scope("default", "wf-1");
    private static final CachedAnswer ANSWER = new CachedAnswer("Blue.", "stop", 12, 2, "{\"id\":\"cmpl-1\"}");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final List<Runnable> hitWrites = new ArrayList<>();
    private static JdbcDataSource dataSource;
    private DatabaseResponseCache cache;

    @BeforeAll
    static void migratedDatabase() {
        dataSource = database();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/h2")
                .load()
                .migrate();
    }

    @BeforeEach
    void emptyCache() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM llm_cache");
        }
        cache = DatabaseResponseCache.of(new CacheTable(dataSource, SqlDialect.H2), clock, hitWrites::add);
    }

    private static JdbcDataSource database() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:cache-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return database;
    }

    @Test
    void aStoredAnswerIsFoundAsItWasStoredUntilItExpires() {
        String key = key(0);
        cache.store(key, SCOPE, "conn-1", "gpt-4o", ANSWER, Duration.ofSeconds(60));

        assertEquals(Optional.of(ANSWER), cache.find(key));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.of(ANSWER), cache.find(key), "one second left");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), cache.find(key), "expired at its time to live");
        assertEquals(0, rows("SELECT COUNT(*) FROM llm_cache"), "and removed when found expired");
    }

    @Test
    void hitsAndMissesAreCountedAndTheEntryCountsItsHitsWithoutTheHitWaitingForTheWrite() {
        String key = key(0);
        cache.find(key);
        cache.store(key, SCOPE, "conn-1", "gpt-4o", ANSWER, Duration.ofHours(1));
        cache.find(key);
        cache.find(key);
        cache.find(key(1));

        assertEquals(0, rows("SELECT hits FROM llm_cache"), "not written by the hits themselves");
        assertEquals(1, hitWrites.size(), "one write task for hits counted before it runs");
        hitWrites.remove(0).run();
        assertEquals(2, rows("SELECT hits FROM llm_cache"));

        CacheStats stats = cache.stats();
        assertEquals(2, stats.hits());
        assertEquals(2, stats.misses());
        assertEquals(0.5, stats.hitRate());
        assertEquals(1, stats.entries());
        assertEquals("Blue.".length() + "{\"id\":\"cmpl-1\"}".length(), stats.bytes());
    }

    @Test
    void storingAgainReplacesTheAnswer() {
        String key = key(0);
        cache.store(key, SCOPE, "conn-1", "gpt-4o", ANSWER, Duration.ofHours(1));
        CachedAnswer newer = new CachedAnswer("Green.", "length", 12, 3, null);
        cache.store(key, SCOPE, "conn-1", "gpt-4o", newer, Duration.ofHours(1));

        assertEquals(Optional.of(newer), cache.find(key));
        assertEquals(1, cache.stats().entries());
    }

    @Test
    void expiredEntriesAreNotCountedAndAreDeletedByALaterWriteOnceTheLastPurgeIsAMinuteOld() {
        cache.store(key(0), SCOPE, "conn-1", "m", ANSWER, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(0, cache.stats().entries(), "an expired entry does not count");
        cache.store(key(1), SCOPE, "conn-1", "m", ANSWER, Duration.ofHours(1));
        assertEquals(2, rows("SELECT COUNT(*) FROM llm_cache"), "purged at most once a minute");

        clock.advance(Duration.ofSeconds(30));
        cache.store(key(2), SCOPE, "conn-1", "m", ANSWER, Duration.ofHours(1));
        assertEquals(2, rows("SELECT COUNT(*) FROM llm_cache"), "the expired one is gone");
        assertEquals(2, cache.stats().entries());
    }

    @Test
    void anAnswerWithoutScopeOrTextIsStillKept() {
        cache.store(key(0), null, "conn-1", "m", new CachedAnswer(null, "length", 5, 0, null), Duration.ofHours(1));
        assertEquals(Optional.of(new CachedAnswer("", "length", 5, 0, null)), cache.find(key(0)));
    }

    @Test
    void aTimeToLiveOfZeroStoresNothing() {
        cache.store(key(0), SCOPE, "conn-1", "m", ANSWER, Duration.ZERO);
        assertEquals(0, rows("SELECT COUNT(*) FROM llm_cache"));
    }

    @Test
    void clearingTakesEverythingOrOnlyAWorkspaceOrAWorkflow() {
        cache.store(key(0), new ResponseCache.Scope("default", "wf-1"), "c", "m", ANSWER, Duration.ofHours(1));
        cache.store(key(1), new ResponseCache.Scope("default", "wf-2"), "c", "m", ANSWER, Duration.ofHours(1));
        cache.store(key(2), new ResponseCache.Scope("team", "wf-3"), "c", "m", ANSWER, Duration.ofHours(1));
        cache.store(key(3), new ResponseCache.Scope("team", null), "c", "m", ANSWER, Duration.ofHours(1));

        assertEquals(1, cache.clear(null, "wf-2"));
        assertEquals(0, cache.clear("team", "wf-1"), "both filters apply");
        assertEquals(2, cache.clear("team", null));
        assertEquals(1, cache.clear(null, null));
        assertEquals(0, cache.stats().entries());
    }

    @Test
    void oneEntryIsRemovedByItsKeyWrittenInEitherCase() {
        String key = key(0);
        cache.store(key, SCOPE, "conn-1", "m", ANSWER, Duration.ofHours(1));
        assertTrue(cache.remove(key.toUpperCase()));
        assertFalse(cache.remove(key), "gone already");
        assertEquals(Optional.empty(), cache.find(key));
    }

    @Test
    void aCacheWhoseTableIsMissingAnswersMissesAndStoresNothingInsteadOfFailingTheNode() {
        cache = DatabaseResponseCache.of(new CacheTable(database(), SqlDialect.H2), clock, hitWrites::add);
        cache.store(key(0), SCOPE, "conn-1", "m", ANSWER, Duration.ofHours(1));
        assertEquals(Optional.empty(), cache.find(key(0)));
    }

    private static String key(int candidate) {
        return CacheKeys.key("conn-1", "gpt-4o", jakarta.json.JsonValue.EMPTY_JSON_ARRAY, null, candidate);
    }

    private long rows(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException failed) {
            throw new AssertionError(failed);
        }
    }
}
