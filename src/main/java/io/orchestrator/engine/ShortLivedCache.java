package io.orchestrator.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * A few seconds' memory of what the database said, for lookups on the engine's hot path (a
 * workflow's graph, a webhook path's node). This server's own changes invalidate it at once;
 * another server's show after the time to live.
 *
 * <p>A load that began before an invalidation may finish after it (a schedule sync reading while
 * the workflow is activated) and store what it read before the change. Each entry therefore keeps
 * the generation its load started under, and only an entry of the current generation is served.
 */
public final class ShortLivedCache<K, V> {

    private record Entry<V>(V value, long loadedAt, long generation) {}

    private final long ttlMillis;
    private final int maxEntries;
    private final LongSupplier clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /**
     * Bumped per key by {@link #invalidate}; with {@link #everything}, only ever grows for a key. Held
     * to {@code maxEntries} keys by {@link #forgetGenerations}.
     */
    private final Map<K, Long> generations = new ConcurrentHashMap<>();

    private final AtomicLong everything = new AtomicLong();
    private final Object[] loadLocks = Stream.generate(Object::new).limit(64).toArray();

    public ShortLivedCache(long ttlMillis, int maxEntries) {
        this(ttlMillis, maxEntries, System::currentTimeMillis);
    }

    ShortLivedCache(long ttlMillis, int maxEntries, LongSupplier clock) {
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /**
     * The value for the key: the cached one while fresh, else what {@code load} gives (a failure is
     * not cached). Loads of one key take turns, the later ones served what the first stored: a burst
     * of misses (forty sub-workflow nodes calling one workflow at once) reads the database once, not
     * forty times side by side, which held every pooled connection.
     */
    public V get(K key, Function<K, V> load) {
        V cached = fresh(key);
        if (cached != null) {
            return cached;
        }
        synchronized (loadLocks[Math.floorMod(key.hashCode(), loadLocks.length)]) {
            cached = fresh(key);
            if (cached != null) {
                return cached;
            }
            long generation = generationOf(key);
            V loaded = load.apply(key);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(loaded, clock.getAsLong(), generation));
            return loaded;
        }
    }

    private V fresh(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null
                        && entry.generation() == generationOf(key)
                        && clock.getAsLong() - entry.loadedAt() < ttlMillis
                ? entry.value()
                : null;
    }

    /** The key changed: its next lookup loads again, and a load under way is not served. */
    public void invalidate(K key) {
        generations.merge(key, 1L, Long::sum);
        entries.remove(key);
        if (generations.size() > maxEntries) {
            forgetGenerations();
        }
    }

    /** Anything may have changed. */
    public void invalidateAll() {
        everything.incrementAndGet();
        entries.clear();
    }

    /**
     * Every key that was ever invalidated keeps a counter, so a long-lived server would keep one per
     * deleted workflow. Raising the common generation past every key's own and then dropping those
     * keeps each key's generation growing, as a load under way needs; every entry is dropped too.
     */
    private synchronized void forgetGenerations() {
        long highest =
                generations.values().stream().mapToLong(Long::longValue).max().orElse(0);
        everything.addAndGet(highest + 1);
        generations.clear();
        entries.clear();
    }

    int rememberedGenerations() {
        return generations.size();
    }

    private long generationOf(K key) {
        return everything.get() + generations.getOrDefault(key, 0L);
    }
}
