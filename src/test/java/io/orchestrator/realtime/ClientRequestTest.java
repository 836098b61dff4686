package io.orchestrator.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.ErrorCode;
import io.orchestrator.testing.JsonLiterals;
import org.junit.jupiter.api.Test;

class ClientRequestTest {

    @Test
    void knowsPingAndRequestState() throws ClientRequest.Invalid {
        assertEquals(
                ClientRequest.PING, ClientRequest.parse("{\"type\":\"ping\"}").request());
        assertEquals(
                ClientRequest.REQUEST_STATE,
                ClientRequest.parse("{\"type\": \"request_state\", \"extra\": 1}")
                        .request());
    }

    @Test
    void refusesAnythingElseWithAMessageForTheClient() {
        for (String text : new String[] {
            "",
            "   ",
            "not json",
            "{\"type\":",
            "[1]",
            "\"ping\"",
            "{}",
            "{\"type\": 1}",
            "{\"type\": \"PING\"}",
            "{\"type\": \"subscribe\"}",
            "{\"type\":\"ping\"} trailing"
        }) {
            ClientRequest.Invalid invalid =
                    assertThrows(ClientRequest.Invalid.class, () -> ClientRequest.parse(text), text);
            assertTrue(
                    !invalid.getMessage().isBlank() && !invalid.getMessage().contains("Exception"),
                    invalid.getMessage());
        }
    }

    @Test
    void theServerMessagesHaveTheContractShapes() {
        assertEquals(JsonLiterals.object("{'type':'pong'}"), JsonLiterals.json(SocketMessages.PONG));
        assertEquals(
                JsonLiterals.object("{'type':'error','error':'Bad','code':'INVALID_REQUEST'}"),
                JsonLiterals.json(SocketMessages.error(ErrorCode.INVALID_REQUEST, "Bad")));
        assertEquals(
                JsonLiterals.object("{'type':'state_sync','state':{'workflow_id':'wf','task_id':null,'status':'idle',"
                        + "'executing_nodes':{},'completed_nodes':[],'completed_count':0}}"),
                JsonLiterals.json(SocketMessages.stateSync(SocketMessages.idleState("wf"))));
    }
}
