package io.orchestrator.realtime;

import java.util.function.Supplier;

/**
 * A candidate's content waiting in one client's queue. Pieces of the same stream that arrive
 * before its turn join it instead of queueing behind it, so a client that falls behind gets fewer,
 * longer {@code stream_token} messages: its lag stays about one turn of its queue, and streamed
 * tokens alone never fill the queue. Once the drain has taken it, it accepts nothing more and the
 * next piece starts a new entry.
 */
final class UnsentTokens implements Supplier<String> {

    private final StreamedTokens first;
    private StreamedTokens last;
    private StringBuilder joined;
    private boolean taken;

    UnsentTokens(StreamedTokens first) {
        this.first = first;
        this.last = first;
    }

    StreamedTokens.Key key() {
        return first.key();
    }

    /** The characters of content it holds. */
    synchronized int length() {
        return joined == null ? first.content().length() : joined.length();
    }

    /** Adds a later piece of the same stream; false once the drain has taken this entry. */
    synchronized boolean join(StreamedTokens later) {
        if (taken) {
            return false;
        }
        if (joined == null) {
            joined = new StringBuilder(first.content());
        }
        joined.append(later.content());
        last = later;
        return true;
    }

    /** The message, with everything joined until now; nothing joins after this. */
    @Override
    public synchronized String get() {
        taken = true;
        return joined == null ? first.text() : last.textWith(joined.toString());
    }
}
