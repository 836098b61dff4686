package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.RawHttp;
import io.orchestrator.it.support.SharedServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bearer tokens: who may call what, tokens shown once and stored hashed, revocation, rate limits. */
class AuthApiIT {

    private static final String DB = SharedServer.DATABASE;

    private final Api admin = SharedServer.admin();
    private final Api anonymous = SharedServer.anonymous();

    @Test
    void noTokenOrAWrongTokenIs401WithAChallenge() {
        for (Api caller : List.of(
                anonymous,
                anonymous.withToken("wfo_not-a-real-token"),
                anonymous.withHeader("Authorization", "Basic YWRtaW46YWRtaW4="),
                anonymous.withToken(SharedServer.ADMIN_TOKEN + "x"))) {
            Api.Response refused = caller.get("/api/workflow/");
            refused.error(401, "UNAUTHORIZED");
            assertEquals("Bearer", refused.header("WWW-Authenticate").orElse(null), refused.toString());
        }
        anonymous.post("/api/workflow/", "{\"name\": \"sneaky\"}").error(401, "UNAUTHORIZED");
        anonymous.get("/api/tokens/").error(401, "UNAUTHORIZED");
        anonymous.get("/api/nodes/").error(401, "UNAUTHORIZED");
        assertEquals(0, MariaDb.count(DB, "SELECT COUNT(*) FROM workflow WHERE name = 'sneaky'"));
        assertEquals(200, anonymous.get("/api/health/").status(), "health needs no token");
    }

    @Test
    void aNewTokenIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        String name = "ci bot " + UUID.randomUUID();
        Api.Response created = admin.post("/api/tokens/", "{\"name\": \"" + name + "\"}");
        JsonObject token = created.object(201);
        String secret = token.getString("token");
        String id = token.getString("id");

        assertTrue(secret.startsWith("wfo_") && secret.length() >= 40, secret);
        assertEquals("user", token.getString("role"), "user is the default role");
        assertEquals(name, token.getString("name"));
        assertTrue(secret.startsWith(token.getString("token_prefix")), token.toString());
        assertTrue(
                token.getString("token_prefix").length() < secret.length() / 2,
                "the prefix does not give the token away");

        Api.Response list = admin.get("/api/tokens/");
        JsonObject listed = list.array(200).getValuesAs(JsonObject.class).stream()
                .filter(each -> each.getString("id").equals(id))
                .findFirst()
                .orElseThrow();
        assertFalse(listed.containsKey("token"), listed.toString());
        assertEquals(token.getString("token_prefix"), listed.getString("token_prefix"));
        assertTrue(listed.getBoolean("active"));
        assertFalse(list.text().contains(secret), "the list never shows a secret");

        String hash = (String) MariaDb.queryValue(DB, "SELECT token_hash FROM api_token WHERE id = ?", id);
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(sha256(secret), hash);
        assertEquals(
                sha256(SharedServer.ADMIN_TOKEN),
                MariaDb.queryValue(
                        DB, "SELECT token_hash FROM api_token WHERE token_hash = ?", sha256(SharedServer.ADMIN_TOKEN)),
                "the configured admin token is stored hashed too");
        assertEquals(
                0,
                MariaDb.count(
                        DB,
                        "SELECT COUNT(*) FROM api_token WHERE CONCAT_WS('|', id, name, role, token_hash,"
                                + " token_prefix) LIKE ? OR CONCAT_WS('|', id, name, role, token_hash, token_prefix) LIKE ?",
                        "%" + secret + "%",
                        "%" + SharedServer.ADMIN_TOKEN + "%"),
                "no column holds a token");
    }

    @Test
    void aUserTokenWorksOnWorkflowsButNotOnTokens() {
        JsonObject token = admin.post(
                        "/api/tokens/", "{\"name\": \"user " + UUID.randomUUID() + "\", \"role\": \"user\"}")
                .object(201);
        Api user = admin.withToken(token.getString("token"));

        user.get("/api/workflow/").array(200);
        String workflow = user.post("/api/workflow/", "{\"name\": \"made by a user " + UUID.randomUUID() + "\"}")
                .object(201)
                .getString("id");
        user.get("/api/workflow/" + workflow + "/canvas_data/").object(200);

        user.get("/api/tokens/").error(403, "FORBIDDEN");
        user.post("/api/tokens/", "{\"name\": \"escalate\", \"role\": \"admin\"}")
                .error(403, "FORBIDDEN");
        user.delete("/api/tokens/" + token.getString("id") + "/").error(403, "FORBIDDEN");
        assertEquals(0, MariaDb.count(DB, "SELECT COUNT(*) FROM api_token WHERE name = 'escalate'"));
        assertEquals(
                0,
                MariaDb.count(
                        DB,
                        "SELECT COUNT(*) FROM api_token WHERE id = ? AND revoked_at IS NOT NULL",
                        token.getString("id")));
    }

    @Test
    void anAddressThatSentTooManyWrongTokensIsRefusedEvenWithARightOneAndOtherAddressesAreNot() {
        URI server = SharedServer.get().baseUri();
        String guesser = "127.0.0." + (2 + (int) (Math.random() * 200)); // a fresh address: a rerun starts afresh
        for (int i = 0; i < SharedServer.AUTH_FAILURE_LIMIT; i++) {
            RawHttp.Answer wrong =
                    RawHttp.send(server, guesser, "GET", "/api/workflow/", "Authorization: Bearer wfo_guess-" + i);
            assertEquals(401, wrong.status(), "failure " + (i + 1) + " is still answered 401");
        }

        RawHttp.Answer barred = RawHttp.send(
                server, guesser, "GET", "/api/workflow/", "Authorization: Bearer " + SharedServer.ADMIN_TOKEN);
        assertEquals(429, barred.status(), "past the limit, even the right token: a guesser learns nothing");
        long retryAfter = Long.parseLong(barred.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, barred.toString());
        assertEquals(
                429,
                RawHttp.send(server, guesser, "GET", "/ws/workflow/any/?token=" + SharedServer.ADMIN_TOKEN)
                        .status(),
                "the WebSocket handshake too");
        assertEquals(200, RawHttp.send(server, guesser, "GET", "/api/health/").status(), "health needs no token");

        admin.get("/api/workflow/").array(200);
        assertEquals(
                200,
                RawHttp.send(
                                server,
                                "127.0.0.1",
                                "GET",
                                "/api/workflow/",
                                "Authorization: Bearer " + SharedServer.ADMIN_TOKEN)
                        .status(),
                "another address is not affected");
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        JsonObject token = admin.post("/api/tokens/", "{\"name\": \"revoke me " + UUID.randomUUID() + "\"}")
                .object(201);
        Api holder = admin.withToken(token.getString("token"));
        holder.get("/api/workflow/").array(200);

        Api.Response revoked = admin.delete("/api/tokens/" + token.getString("id") + "/");
        assertEquals(204, revoked.status(), revoked.toString());

        holder.get("/api/workflow/").error(401, "UNAUTHORIZED");
        JsonObject listed = admin.get("/api/tokens/").array(200).getValuesAs(JsonObject.class).stream()
                .filter(each -> each.getString("id").equals(token.getString("id")))
                .findFirst()
                .orElseThrow();
        assertFalse(listed.getBoolean("active"));
        assertNotNull(Instant.parse(listed.getString("revoked_at")));
        admin.delete("/api/tokens/" + UUID.randomUUID() + "/").error(404, "NOT_FOUND");
    }

    @Test
    void anExpiredTokenIsRefused() {
        JsonObject token = admin.post(
                        "/api/tokens/",
                        "{\"name\": \"expiring " + UUID.randomUUID() + "\", \"expires_at\": \""
                                + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                .object(201);
        assertNotNull(Instant.parse(token.getString("expires_at")));
        // Expire it behind the server's back before its first use, so no cached copy exists yet.
        MariaDb.update(
                DB,
                "UPDATE api_token SET expires_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS)),
                token.getString("id"));

        admin.withToken(token.getString("token")).get("/api/workflow/").error(401, "UNAUTHORIZED");
    }

    @Test
    void theLastActiveAdminTokenCannotBeRevoked() {
        JsonObject second = admin.post(
                        "/api/tokens/", "{\"name\": \"second admin " + UUID.randomUUID() + "\", \"role\": \"admin\"}")
                .object(201);
        Api secondAdmin = admin.withToken(second.getString("token"));
        secondAdmin.get("/api/tokens/").array(200);
        // Revoke every other admin but the configured one, so that it is the last.
        for (JsonObject token : admin.get("/api/tokens/").array(200).getValuesAs(JsonObject.class)) {
            if (token.getString("role").equals("admin") && token.getBoolean("active") && !isConfiguredAdmin(token)) {
                assertEquals(
                        204,
                        admin.delete("/api/tokens/" + token.getString("id") + "/")
                                .status());
            }
        }
        secondAdmin.get("/api/tokens/").error(401, "UNAUTHORIZED");

        String configured = admin.get("/api/tokens/").array(200).getValuesAs(JsonObject.class).stream()
                .filter(AuthApiIT::isConfiguredAdmin)
                .findFirst()
                .orElseThrow()
                .getString("id");
        JsonObject details = admin.delete("/api/tokens/" + configured + "/").error(409, "CONFLICT");
        assertNotNull(details);

        admin.get("/api/tokens/").array(200);
        assertEquals(
                0,
                MariaDb.count(
                        DB, "SELECT COUNT(*) FROM api_token WHERE id = ? AND revoked_at IS NOT NULL", configured));
    }

    @Test
    void badTokenRequestsAre422() {
        JsonObject past = admin.post("/api/tokens/", "{\"name\": \"late\", \"expires_at\": \"2001-01-01T00:00:00Z\"}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(past.containsKey("expires_at"), past.toString());
        assertTrue(admin.post("/api/tokens/", "{\"name\": \"when\", \"expires_at\": \"tomorrow\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("expires_at"));
        assertTrue(admin.post("/api/tokens/", "{\"name\": \"boss\", \"role\": \"root\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("role"));
        assertTrue(admin.post("/api/tokens/", "{\"role\": \"user\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("name"));
        assertTrue(admin.post("/api/tokens/", "{\"name\": \"fast\", \"rate_limit\": 0}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("rate_limit"));
        assertEquals(
                0, MariaDb.count(DB, "SELECT COUNT(*) FROM api_token WHERE name IN ('late', 'when', 'boss', 'fast')"));
    }

    @Test
    void aTokensRateLimitCountsDownThenAnswers429() throws InterruptedException {
        JsonObject token = admin.post(
                        "/api/tokens/", "{\"name\": \"limited " + UUID.randomUUID() + "\", \"rate_limit\": 5}")
                .object(201);
        Api limited = admin.withToken(token.getString("token"));
        awayFromAMinuteBoundary();

        long now = Instant.now().getEpochSecond();
        for (int remaining = 4; remaining >= 0; remaining--) {
            Api.Response allowed = limited.get("/api/workflow/?limit=1");
            assertEquals(200, allowed.status(), allowed.toString());
            assertEquals("5", allowed.header("X-RateLimit-Limit").orElse(null));
            assertEquals(
                    Integer.toString(remaining),
                    allowed.header("X-RateLimit-Remaining").orElse(null));
            long reset = Long.parseLong(allowed.header("X-RateLimit-Reset").orElseThrow());
            assertTrue(reset > now && reset <= now + 61, "the reset is an epoch second within the minute: " + reset);
        }

        Api.Response refused = limited.get("/api/workflow/?limit=1");
        refused.error(429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("0", refused.header("X-RateLimit-Remaining").orElse(null));

        Api.Response other = admin.get("/api/workflow/?limit=1");
        assertEquals(200, other.status(), "another token has its own budget");
        assertNotEquals("5", other.header("X-RateLimit-Limit").orElse(null));
    }

    /** The limiter counts per calendar minute: six requests must not straddle two windows. */
    private static void awayFromAMinuteBoundary() throws InterruptedException {
        long millisIntoMinute = System.currentTimeMillis() % 60_000;
        if (millisIntoMinute > 55_000) {
            Thread.sleep(60_000 - millisIntoMinute + 100);
        }
    }

    private static boolean isConfiguredAdmin(JsonObject token) {
        return SharedServer.ADMIN_TOKEN.startsWith(token.getString("token_prefix"))
                && token.getString("role").equals("admin");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
