package io.orchestrator.llm;

import io.orchestrator.engine.journal.SqlDialect;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.SchemaReady;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The response cache in table {@code llm_cache}, shared by every server on the database.
 *
 * <p>A hit is one primary-key read on the node's thread; its count in the row is added a second
 * later, with every other hit of that second in one batch, on the managed scheduler, so that a hit
 * never waits for a write and many hits do not become many writes. An expired entry is a
 * miss and is deleted when found; the others are purged on a write at most once a minute, so no
 * timer is needed and a server that stores nothing purges nothing. A cache whose database fails
 * answers misses and stores nothing: the node then calls its model, as it would without a cache.
 */
@ApplicationScoped
public class DatabaseResponseCache implements ResponseCache {

    private static final Logger LOG = Logger.getLogger(DatabaseResponseCache.class.getName());

    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    /** Hits are written at most this often: under many hits, one batch instead of a write per hit. */
    static final Duration HIT_WRITE_DELAY = Duration.ofSeconds(1);

    @Resource(lookup = "jdbc/orchestrator-direct")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private volatile CacheTable table;
    private Clock clock = Clock.systemUTC();
    private Executor hitWriter;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final ConcurrentMap<String, LongAdder> unwrittenHits = new ConcurrentHashMap<>();
    private final AtomicBoolean writingHits = new AtomicBoolean();
    private final AtomicLong lastPurgeMillis = new AtomicLong(Long.MIN_VALUE);

    /** For the tests: a cache on the given database with the given clock; hit counts written by the executor's tasks. */
    static DatabaseResponseCache of(CacheTable table, Clock clock, Executor hitWriter) {
        DatabaseResponseCache cache = new DatabaseResponseCache();
        cache.table = table;
        cache.clock = clock;
        cache.hitWriter = hitWriter;
        return cache;
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        hitWriter = task -> scheduler.schedule(task, HIT_WRITE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        // Last: the volatile write of the table publishes the writer to the threads that read the table.
        table = new CacheTable(dataSource, SqlDialect.of(ready.databaseProduct()));
    }

    @Override
    public String key(
            String connectionId, String model, JsonArray messages, JsonObject parameters, int candidateIndex) {
        return CacheKeys.key(connectionId, model, messages, parameters, candidateIndex);
    }

    @Override
    public Optional<CachedAnswer> find(String key) {
        Optional<CachedAnswer> answer = lookUp(key);
        (answer.isPresent() ? hits : misses).increment();
        return answer;
    }

    private Optional<CachedAnswer> lookUp(String key) {
        try {
            Optional<CacheTable.Found> found = table().find(key);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (!found.get().expiresAt().isAfter(now)) {
                table().deleteIfExpired(key, now);
                return Optional.empty();
            }
            countHit(key);
            return Optional.of(found.get().answer());
        } catch (SQLException failed) {
            LOG.log(Level.WARNING, "The response cache could not be read; answering a miss: " + failed.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void store(
            String key, Scope scope, String connectionId, String model, CachedAnswer answer, Duration timeToLive) {
        if (timeToLive.isZero() || timeToLive.isNegative()) {
            return;
        }
        Instant now = clock.instant();
        Scope where = scope != null ? scope : new Scope(null, null);
        try {
            table().store(
                            key,
                            new CacheTable.Entry(
                                    where, connectionId, model, answer, bytes(answer), now, now.plus(timeToLive)));
            purgeIfDue(now);
        } catch (SQLException failed) {
            LOG.log(Level.WARNING, "The response cache could not store an answer: " + failed.getMessage());
        }
    }

    public long hitCount() {
        return hits.sum();
    }

    public long missCount() {
        return misses.sum();
    }

    public CacheStats stats() {
        try {
            CacheTable.Totals totals = table().totals(clock.instant());
            return new CacheStats(totals.entries(), hits.sum(), misses.sum(), totals.bytes());
        } catch (SQLException failed) {
            throw unavailable(failed);
        }
    }

    /** Deletes every entry, or those of the workspace and/or workflow given; the number deleted. */
    public int clear(String workspace, String workflowId) {
        try {
            return table().deleteAll(workspace, workflowId);
        } catch (SQLException failed) {
            throw unavailable(failed);
        }
    }

    /** Deletes one entry; false when there was none under the key. */
    public boolean remove(String key) {
        try {
            return table().delete(key.toLowerCase(Locale.ROOT)) > 0;
        } catch (SQLException failed) {
            throw unavailable(failed);
        }
    }

    /** Drops the expired entries now; they are misses already, this only frees their space. */
    int purgeExpired() throws SQLException {
        return table().deleteExpired(clock.instant());
    }

    private void purgeIfDue(Instant now) throws SQLException {
        long last = lastPurgeMillis.get();
        long nowMillis = now.toEpochMilli();
        if (last != Long.MIN_VALUE && nowMillis - last < PURGE_INTERVAL.toMillis()) {
            return;
        }
        if (lastPurgeMillis.compareAndSet(last, nowMillis)) {
            table().deleteExpired(now);
        }
    }

    private void countHit(String key) {
        unwrittenHits.computeIfAbsent(key, unused -> new LongAdder()).increment();
        scheduleHitWrite();
    }

    /** One writer task at a time: hits counted while it runs wait for the next one. */
    private void scheduleHitWrite() {
        if (writingHits.compareAndSet(false, true)) {
            try {
                hitWriter.execute(this::writeHits);
            } catch (RejectedExecutionException shuttingDown) {
                writingHits.set(false);
            }
        }
    }

    /** Adds the hits counted so far to their rows, in one batch. */
    private void writeHits() {
        try {
            Map<String, Long> batch = new HashMap<>();
            for (String key : unwrittenHits.keySet()) {
                LongAdder counted = unwrittenHits.remove(key);
                if (counted != null) {
                    batch.put(key, counted.sum());
                }
            }
            if (!batch.isEmpty()) {
                table().addHits(batch);
            }
        } catch (SQLException failed) {
            LOG.log(Level.FINE, "Hit counts of the response cache not written: " + failed.getMessage());
        } finally {
            writingHits.set(false);
        }
        // A hit counted after the keys were read saw the flag still set and left its count to this task.
        if (!unwrittenHits.isEmpty()) {
            scheduleHitWrite();
        }
    }

    private CacheTable table() {
        CacheTable ready = table;
        if (ready == null) {
            throw new IllegalStateException("The response cache is used before the schema is ready");
        }
        return ready;
    }

    private static long bytes(CachedAnswer answer) {
        return utf8Length(answer.text()) + utf8Length(answer.raw());
    }

    private static long utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static ApiException unavailable(SQLException failed) {
        LOG.log(Level.WARNING, "The response cache's table could not be reached", failed);
        return new ApiException(
                ErrorCode.SERVICE_UNAVAILABLE, "The response cache's database could not be reached; try again later.");
    }
}
