package io.orchestrator.realtime;

import java.time.Instant;

/**
 * One coalesced piece of a candidate's stream, made once and offered to every watcher. Its
 * {@code stream_token} text is made on first use and then shared, as long as a client sends the
 * piece on its own; a client that is behind joins it with the pieces after it ({@link UnsentTokens}).
 */
final class StreamedTokens {

    /** Which stream a piece belongs to: pieces of one key may be joined, in order. */
    record Key(String taskId, String nodeId, int candidate) {}

    private final String workflowId;
    private final Key key;
    private final String model;
    private final String content;
    private final Instant at;
    private volatile String text;

    StreamedTokens(
            String workflowId, String taskId, String nodeId, int candidate, String model, String content, Instant at) {
        this.workflowId = workflowId;
        this.key = new Key(taskId, nodeId, candidate);
        this.model = model;
        this.content = content;
        this.at = at;
    }

    String workflowId() {
        return workflowId;
    }

    Key key() {
        return key;
    }

    String content() {
        return content;
    }

    /** The message of this piece alone; a race makes it twice at worst, the same text. */
    String text() {
        String made = text;
        if (made == null) {
            made = textWith(content);
            text = made;
        }
        return made;
    }

    /** The message of this piece's stream with the given content: the joined content of several pieces ending with this one. */
    String textWith(String joinedContent) {
        return SocketMessages.streamToken(
                workflowId, key.taskId(), key.nodeId(), key.candidate(), model, joinedContent, at);
    }
}
