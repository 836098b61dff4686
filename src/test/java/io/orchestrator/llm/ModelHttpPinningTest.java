package io.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.nodes.http.AddressGuard;
import io.orchestrator.nodes.http.LocalHttpServer;
import io.orchestrator.nodes.http.OutboundHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Model servers are called at the address the guard checked: the name here exists only in the
 * test's own table, so an answer proves that the client did not look it up again (DNS rebinding).
 */
class ModelHttpPinningTest {

    private final LocalHttpServer server = new LocalHttpServer();
    private final List<String> lookups = new ArrayList<>();

    private final ModelHttp http = new ModelHttp(new OutboundHttp(
            AddressGuard.allowing("127.0.0.0/8", host -> {
                lookups.add(host);
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            }),
            1 << 20));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aModelServerIsCalledAtTheCheckedAddressWithItsNameInHost() throws ModelFailure {
        ModelHttp.Reply reply = http.post(
                "http://models.invalid:" + server.port() + "/echo",
                Map.of("Authorization", "Bearer k"),
                Json.createObjectBuilder().add("model", "m").build(),
                Duration.ofSeconds(10));

        assertEquals(200, reply.status());
        JsonObject echoed = Json.createReader(new StringReader(reply.body())).readObject();
        assertEquals(
                "models.invalid:" + server.port(),
                echoed.getJsonObject("headers").getString("host"));
        assertEquals(List.of("models.invalid"), lookups, "looked up once, by the guard");
    }

    @Test
    void aStreamGoesToTheCheckedAddressToo() throws ModelFailure {
        server.handle(
                "/events", exchange -> LocalHttpServer.respond(exchange, 200, "text/event-stream", "data: hello\n\n"));
        List<SseEvent> events = new ArrayList<>();

        http.stream(
                "http://models.invalid:" + server.port() + "/events",
                Map.of(),
                Json.createObjectBuilder().build(),
                Duration.ofSeconds(10),
                events::add);

        assertEquals(1, events.size());
        assertEquals(List.of("models.invalid"), lookups);
    }
}
