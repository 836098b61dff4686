package io.orchestrator.engine.journal;

import io.orchestrator.engine.RunEvent;
import io.orchestrator.platform.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The engine's write-ahead path to the database. State changes of runs, node executions and
 * sessions are appended here; writer threads take everything queued, write it in one transaction
 * (group commit: one commit for many runs), and only then fire the {@link RunEvent}s and callbacks
 * appended with them, so nothing is announced before it is durable.
 *
 * <p>A run's entries always go to the same writer (by run id), so its rows and events stay in
 * order; and since each writer commits what was queued before, a durable step implies every
 * earlier step of that run is durable too: what recovery relies on.
 */
@ApplicationScoped
public class RunJournal {

    private static final Logger LOG = Logger.getLogger(RunJournal.class.getName());
    private static final int MAX_BATCH = 4096;
    /** Queued by {@link #stop()}: the writer finishes what came before it, then ends. */
    private static final JournalEntry STOP = new JournalEntry.AfterWrite(() -> {});

    @Resource(lookup = "jdbc/orchestrator-direct")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    Event<RunEvent> events;

    @Inject
    EventOutbox outbox;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_JOURNAL_WRITERS", defaultValue = "2")
    int writerCount;

    @Inject
    MetricRegistry metrics;

    /** How long a batch takes to write and commit: with {@link #queuedEntries()}, the journal's lag. */
    private Timer commits;

    private volatile SqlDialect dialect;
    private List<Writer> writers = List.of();

    void start(@Observes SchemaReady ready) {
        commits = metrics.timer(Metadata.builder()
                .withName("orchestrator_journal_commit")
                .withDescription("How long the run journal took to write and commit one batch of rows")
                .withUnit(MetricUnits.SECONDS)
                .build());
        dialect = SqlDialect.of(ready.databaseProduct());
        List<Writer> started = new ArrayList<>();
        for (int i = 0; i < Math.max(1, writerCount); i++) {
            Writer writer = new Writer(i);
            Thread thread = threadFactory.newThread(writer);
            thread.setName("orchestrator-journal-" + i);
            thread.start();
            started.add(writer);
        }
        writers = List.copyOf(started);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Appends a row, an event or a callback for a run. */
    public void append(String runId, JournalEntry entry) {
        writerOf(runId).queue.add(entry);
    }

    /** Appends several entries of one run at once, in order. */
    public void appendAll(String runId, List<? extends JournalEntry> entries) {
        writerOf(runId).queue.addAll(entries);
    }

    /** Entries appended and not yet written, over all writers: how far the journal lags behind the engine. */
    public int queuedEntries() {
        return writers.stream().mapToInt(writer -> writer.queue.size()).sum();
    }

    /** Completes once everything appended for this run so far is in the database. */
    public CompletableFuture<Void> durable(String runId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        append(runId, new JournalEntry.AfterWrite(() -> done.complete(null)));
        return done;
    }

    private Writer writerOf(String runId) {
        List<Writer> current = writers;
        if (current.isEmpty()) {
            throw new IllegalStateException("The run journal has not started: the database is not ready yet.");
        }
        return current.get(Math.floorMod(runId.hashCode(), current.size()));
    }

    @PreDestroy
    void stop() {
        writers.forEach(writer -> writer.queue.add(STOP));
        for (Writer writer : writers) {
            try {
                writer.stopped.get(10, TimeUnit.SECONDS);
            } catch (Exception notInTime) {
                LOG.warning("Journal writer " + writer.number + " did not finish in 10 s: " + notInTime);
            }
        }
    }

    private final class Writer implements Runnable {

        final int number;
        final BlockingQueue<JournalEntry> queue = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> stopped = new CompletableFuture<>();
        /**
         * Kept from batch to batch, in manual commit: taking a pooled connection per batch cost a
         * reservation and two autocommit switches (round trips) each time. Dropped after a failure.
         */
        private Connection connection;

        Writer(int number) {
            this.number = number;
        }

        @Override
        public void run() {
            List<JournalEntry> drained = new ArrayList<>(MAX_BATCH);
            boolean running = true;
            try {
                while (running) {
                    drained.add(queue.take());
                    queue.drainTo(drained, MAX_BATCH - 1);
                    JournalBatch batch = new JournalBatch(outbox);
                    for (JournalEntry entry : drained) {
                        if (entry == STOP) {
                            running = false;
                        } else {
                            batch.add(entry);
                        }
                    }
                    drained.clear();
                    writeUntilDone(batch);
                    announce(batch);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                release();
                stopped.complete(null);
            }
        }

        private Connection connection() throws SQLException {
            if (connection == null) {
                Connection opened = dataSource.getConnection();
                opened.setAutoCommit(false);
                connection = opened;
            }
            return connection;
        }

        private void release() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException alreadyBroken) {
                    LOG.log(Level.FINE, "Closing a journal connection failed", alreadyBroken);
                }
                connection = null;
            }
        }

        /**
         * A batch that cannot be written is tried again (the database may be restarting) rather
         * than announced: losing the write would make the events lie. Only a batch the database
         * refuses for its content, three times, is given up (logged), so that one bad row cannot
         * stall every run behind it.
         */
        private void writeUntilDone(JournalBatch batch) throws InterruptedException {
            if (!batch.hasRows()) {
                return;
            }
            long pauseMs = 100;
            int refusals = 0;
            while (true) {
                try {
                    Connection open = connection();
                    try {
                        long started = System.nanoTime();
                        batch.write(open, dialect);
                        open.commit();
                        commits.update(Duration.ofNanos(System.nanoTime() - started));
                        return;
                    } catch (SQLException failed) {
                        open.rollback();
                        throw failed;
                    }
                } catch (SQLException failed) {
                    release();
                    if (failed instanceof SQLNonTransientException
                            && !(failed instanceof SQLNonTransientConnectionException)
                            && ++refusals >= 3) {
                        LOG.log(
                                Level.SEVERE,
                                "The database refused " + batch.describe() + " three times; these rows"
                                        + " are lost. Please report this with the message: " + failed.getMessage(),
                                failed);
                        return;
                    }
                    LOG.log(
                            Level.WARNING,
                            "Could not write " + batch.describe() + " to the database (" + failed.getMessage()
                                    + "); trying again in " + pauseMs + " ms.");
                    Thread.sleep(pauseMs);
                    pauseMs = Math.min(pauseMs * 2, 5_000);
                }
            }
        }

        private void announce(JournalBatch batch) {
            for (JournalEntry entry : batch.announcements()) {
                try {
                    if (entry instanceof JournalEntry.Announcement announcement) {
                        events.fire(announcement.event());
                    } else if (entry instanceof JournalEntry.AfterWrite afterWrite) {
                        afterWrite.callback().run();
                    }
                } catch (RuntimeException listenerFailed) {
                    LOG.log(Level.WARNING, "A run event listener failed", listenerFailed);
                }
            }
        }
    }
}
