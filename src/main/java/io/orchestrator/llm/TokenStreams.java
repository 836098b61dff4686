package io.orchestrator.llm;

/**
 * Streamed tokens of the llm node's candidates, on their way to the WebSocket clients watching the
 * workflow ({@code stream_token}, {@code stream_complete}). Content is coalesced so that a fast model
 * cannot flood a client: at most about 20 messages a second per candidate. Nothing is stored.
 */
public interface TokenStreams {

    /** One candidate's stream; append as tokens arrive, close when the candidate is done. */
    interface CandidateStream extends AutoCloseable {

        void append(String content);

        /** Sends what is still held back. */
        @Override
        void close();
    }

    CandidateStream open(String workflowId, String taskId, String nodeId, int candidate, String model);

    /** The node's candidates are all done: {@code stream_complete}. */
    void complete(String workflowId, String taskId, String nodeId, int totalResponses, double totalTimeSeconds);
}
