package io.orchestrator.engine.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The signed webhook calls accepted lately, per webhook path, so that a captured call played again
 * within its timestamp's window is refused: past the window the timestamp check refuses it anyway,
 * so each signature is kept only until then. Bounded: at most {@value #PER_HOOK} signatures per
 * path and {@value #IN_ALL} in all; a signed call that finds no room is refused rather than let an
 * old signature go (which would let its replay in). Only calls whose signature is valid are
 * remembered, so only a holder of the secret can fill a path's share.
 */
@ApplicationScoped
public class SignedCalls {

    static final int PER_HOOK = 10_000;
    static final int IN_ALL = 100_000;

    /** What became of a signed call. */
    enum Verdict {
        FIRST,
        REPLAYED,
        NO_ROOM
    }

    private record Seen(long expiresAtSeconds, String hook, String signature) {}

    private final Map<String, Set<String>> byHook = new HashMap<>();
    private final PriorityQueue<Seen> byExpiry =
            new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtSeconds(), b.expiresAtSeconds()));

    /**
     * Remembers a valid signature of a call to this path until {@code expiresAtSeconds} (its
     * timestamp plus the window), unless it was seen already or there is no room.
     */
    synchronized Verdict remember(String hook, String signature, long expiresAtSeconds, long nowSeconds) {
        forgetExpired(nowSeconds);
        Set<String> seen = byHook.get(hook);
        if (seen != null && seen.contains(signature)) {
            return Verdict.REPLAYED;
        }
        if (byExpiry.size() >= IN_ALL || (seen != null && seen.size() >= PER_HOOK)) {
            return Verdict.NO_ROOM;
        }
        byHook.computeIfAbsent(hook, path -> new HashSet<>()).add(signature);
        byExpiry.add(new Seen(expiresAtSeconds, hook, signature));
        return Verdict.FIRST;
    }

    private void forgetExpired(long nowSeconds) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtSeconds() < nowSeconds) {
            Seen expired = byExpiry.poll();
            Set<String> seen = byHook.get(expired.hook());
            if (seen != null) {
                seen.remove(expired.signature());
                if (seen.isEmpty()) {
                    byHook.remove(expired.hook());
                }
            }
        }
    }
}
