package io.orchestrator.it;

import io.orchestrator.it.support.BrowserScript;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.testing.FakeModelServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An LLM pipeline with a person in the loop, in a real browser against the real server and a model
 * server speaking OpenAI's API: webapp/e2e/llm.e2e.mjs adds the connection (and tests it), builds
 * manual trigger → llm (two models) → human-input → transform on the canvas, runs it, sees tokens
 * stream in over the WebSocket, picks the second candidate and sees the run complete with it.
 */
class LlmCanvasE2EIT {

    @Test
    void aPersonPicksAmongTwoModelsStreamingCandidatesInTheBrowser() throws Exception {
        // Paced so that a candidate streams for about a second: long enough to be seen streaming.
        try (FakeModelServer models =
                FakeModelServer.start().models("model-a", "model-b").tokensPerSecond(20)) {
            BrowserScript.run(
                    "llm",
                    Map.of(
                            "MODEL_SERVER_URL", "http://" + SharedServer.ALLOWED_HOST + ":" + models.port() + "/v1",
                            "MODEL_A", "model-a",
                            "MODEL_B", "model-b"));
        }
    }
}
