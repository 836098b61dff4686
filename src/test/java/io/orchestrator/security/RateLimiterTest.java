package io.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A minute boundary: 1 700 000 040 seconds is a whole number of minutes. */
    private static final long MINUTE_START = 1_700_000_040_000L;

    private static final long NOW = MINUTE_START + 15_000;
    private static final long NEXT_MINUTE_SECONDS = 1_700_000_100L;

    private final RateLimiter limiter = new RateLimiter();

    private RateLimiter.Decision acquire(String key, long nowMillis) {
        return limiter.acquire(key, 3, nowMillis);
    }

    /** Uses up a key's three requests in the minute of {@code nowMillis}. */
    private void exhaust(String key, long nowMillis) {
        for (int i = 0; i < 3; i++) {
            acquire(key, nowMillis);
        }
    }

    @Test
    void allowsUpToTheLimitCountingTheRemainingDown() {
        assertEquals(new RateLimiter.Decision(true, 3, 2, NEXT_MINUTE_SECONDS), acquire("t", NOW));
        assertEquals(new RateLimiter.Decision(true, 3, 1, NEXT_MINUTE_SECONDS), acquire("t", NOW + 1));
        assertEquals(new RateLimiter.Decision(true, 3, 0, NEXT_MINUTE_SECONDS), acquire("t", NOW + 2));
    }

    @Test
    void refusesOverTheLimitWithNothingRemaining() {
        exhaust("t", NOW);
        assertEquals(new RateLimiter.Decision(false, 3, 0, NEXT_MINUTE_SECONDS), acquire("t", NOW));
        assertEquals(new RateLimiter.Decision(false, 3, 0, NEXT_MINUTE_SECONDS), acquire("t", NOW));
    }

    @Test
    void resetsAtTheNextMinuteBoundary() {
        assertEquals(NEXT_MINUTE_SECONDS, acquire("t", MINUTE_START).resetEpochSeconds());
        assertEquals(NEXT_MINUTE_SECONDS, acquire("t", MINUTE_START + 59_999).resetEpochSeconds());
    }

    @Test
    void staysRefusedUntilTheLastMillisecondOfTheMinute() {
        exhaust("t", MINUTE_START);
        assertEquals(false, acquire("t", MINUTE_START + 59_999).allowed());
    }

    @Test
    void aNewMinuteStartsAFreshWindow() {
        exhaust("t", NOW);
        assertEquals(
                new RateLimiter.Decision(true, 3, 2, NEXT_MINUTE_SECONDS + 60), acquire("t", MINUTE_START + 60_000));
    }

    @Test
    void keysAreCountedApart() {
        exhaust("a", NOW);
        assertEquals(new RateLimiter.Decision(true, 3, 2, NEXT_MINUTE_SECONDS), acquire("b", NOW));
        assertEquals(false, acquire("a", NOW).allowed());
    }

    @Test
    void retryAfterIsTheSecondsToTheReset() {
        RateLimiter.Decision decision = acquire("t", NOW);
        assertEquals(45, decision.retryAfterSeconds(NOW / 1000));
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        RateLimiter.Decision decision = acquire("t", MINUTE_START + 59_999);
        assertEquals(1, decision.retryAfterSeconds(NEXT_MINUTE_SECONDS));
        assertEquals(1, decision.retryAfterSeconds(NEXT_MINUTE_SECONDS + 30));
    }

    @Test
    void theHeadersSayTheLimitAndRetryAfterOnlyWhenRefused() {
        RateLimiter.Decision allowed = new RateLimiter.Decision(true, 3, 2, NEXT_MINUTE_SECONDS);
        assertEquals(
                List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
                List.copyOf(allowed.headers(NEXT_MINUTE_SECONDS * 1000 - 20_000).keySet()));
        RateLimiter.Decision refused = new RateLimiter.Decision(false, 3, 0, NEXT_MINUTE_SECONDS);
        Map<String, String> headers = refused.headers(NEXT_MINUTE_SECONDS * 1000 - 20_000);
        assertEquals("3", headers.get("X-RateLimit-Limit"));
        assertEquals("0", headers.get("X-RateLimit-Remaining"));
        assertEquals(Long.toString(NEXT_MINUTE_SECONDS), headers.get("X-RateLimit-Reset"));
        assertEquals("20", headers.get("Retry-After"));
    }

    @Test
    void windowsOfPastMinutesAreDroppedOnceThereAreManyKeys() {
        RateLimiter few = new RateLimiter(100);
        for (int caller = 0; caller < 1_000; caller++) {
            few.acquire("caller-" + caller, 3, NOW);
        }
        assertEquals(1_000, few.keys(), "within a minute every caller is counted");
        few.acquire("caller-1", 3, NOW + 60_000);
        assertEquals(1, few.keys(), "a new minute forgets the callers of the last one");
        assertEquals(1, few.acquire("caller-1", 3, NOW + 60_001).remaining(), "the current window is kept");
    }

    @Test
    void checkSaysWhetherOneMoreWouldPassWithoutCountingIt() {
        assertEquals(new RateLimiter.Decision(true, 3, 3, NEXT_MINUTE_SECONDS), limiter.check("t", 3, NOW));
        exhaust("t", NOW);
        assertEquals(new RateLimiter.Decision(false, 3, 0, NEXT_MINUTE_SECONDS), limiter.check("t", 3, NOW));
        assertEquals(false, limiter.check("t", 3, NOW).allowed(), "checking counted nothing more");
        assertEquals(true, limiter.check("t", 3, MINUTE_START + 60_000).allowed(), "a new minute");
    }
}
