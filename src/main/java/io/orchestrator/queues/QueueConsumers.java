package io.orchestrator.queues;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.LiveRun;
import io.orchestrator.engine.RunLauncher;
import io.orchestrator.engine.SnapshotStore;
import io.orchestrator.engine.TriggerType;
import io.orchestrator.engine.WorkflowAtVersion;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.platform.ApiException;
import io.orchestrator.workflow.WorkflowChanged;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The receive loops of the queue-reader nodes of active workflows, one per node, kept in step with
 * the workflows: at once after this server's own changes, and every {@value #RECONCILE_SECONDS} s
 * for everything else (another server's changes, the server's start). Nothing about messaging is
 * touched before a workflow needs it, so a server without queue readers opens no broker connection.
 */
@ApplicationScoped
public class QueueConsumers {

    private static final Logger LOG = Logger.getLogger(QueueConsumers.class.getName());
    static final int RECONCILE_SECONDS = 10;

    /** What a running loop was started for; a node whose settings changed gets a new loop. */
    record Listener(String workflowId, String nodeId, String nodeName, String broker, String queue, String shape) {

        static Listener of(String workflowId, Node node) {
            JsonObject form = node.formValues();
            return new Listener(
                    workflowId,
                    node.id(),
                    node.name(),
                    form.getString("broker", BrokerChoice.EMBEDDED).trim(),
                    form.getString("queue", "").trim(),
                    form.getString("output", QueueReaderNode.OUTPUT_BODY));
        }
    }

    /** The message arrived when its node no longer listens: it goes back to the queue. */
    static final class NotListening extends Exception {
        private static final long serialVersionUID = 1L;

        NotListening(String reason) {
            super(reason);
        }
    }

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService timer;

    @Inject
    QueueReaderNodes readers;

    @Inject
    SnapshotStore snapshots;

    @Inject
    Brokers brokers;

    @Inject
    RunLauncher launcher;

    @Inject
    RunJournal journal;

    private final Map<Listener, QueueConsumer> running = new HashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private ScheduledFuture<?> reconciling;
    private boolean stopping;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        reconciling = timer.scheduleWithFixedDelay(this::reconcile, 2, RECONCILE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Changes come in bursts (a node dragged on the canvas is a change per move): one reconcile is
     * queued at a time, and it sees every change committed before it starts.
     */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkflowChanged changed) {
        if (queued.compareAndSet(false, true)) {
            timer.execute(this::reconcile);
        }
    }

    /** Before the engine drains: no new run starts from a queue, and a message being handled is finished. */
    void stop(
            @Observes(notifyObserver = Reception.IF_EXISTS) @Priority(900) @BeforeDestroyed(ApplicationScoped.class)
                    Object stopping) {
        Map<Listener, QueueConsumer> stopped;
        synchronized (this) {
            this.stopping = true;
            if (reconciling != null) {
                reconciling.cancel(false);
            }
            stopped = new HashMap<>(running);
            running.clear();
        }
        stopped.values().forEach(QueueConsumer::stop);
        stopped.values().forEach(consumer -> consumer.awaitEnd(3_000));
    }

    synchronized void reconcile() {
        queued.set(false);
        if (stopping) {
            return;
        }
        Map<Listener, Node> wanted = new HashMap<>();
        try {
            for (String workflowId : readers.activeWorkflows()) {
                wanted.putAll(listenersOf(workflowId));
            }
        } catch (RuntimeException notYet) {
            // The database may not be migrated yet at the first tick, or be away for a moment: keep what runs.
            LOG.log(Level.FINE, "Queue readers not reconciled", notYet);
            return;
        }
        running.entrySet().removeIf(entry -> {
            if (wanted.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().stop();
            return true;
        });
        wanted.keySet().stream()
                .filter(listener -> !running.containsKey(listener))
                .forEach(this::listen);
    }

    private Map<Listener, Node> listenersOf(String workflowId) {
        Map<Listener, Node> listeners = new HashMap<>();
        WorkflowAtVersion workflow;
        try {
            workflow = snapshots.current(workflowId);
        } catch (ApiException cannotRun) {
            return listeners;
        }
        if (!workflow.active()) {
            return listeners;
        }
        for (Node node : workflow.graph().nodes()) {
            if (node.type().equals(QueueReaderNode.KEY) && !node.settings().disabled()) {
                Listener listener = Listener.of(workflowId, node);
                if (QueueNames.problem(listener.queue()) == null) {
                    listeners.put(listener, node);
                }
            }
        }
        return listeners;
    }

    private void listen(Listener listener) {
        QueueConsumer consumer = new QueueConsumer(
                () -> brokers.forNode(listener.workflowId(), listener.broker()),
                listener.queue(),
                "'" + listener.nodeName() + "' of workflow " + listener.workflowId(),
                message -> startRun(listener, message));
        Thread thread = threads.newThread(consumer);
        thread.setName("queue-reader " + listener.queue());
        consumer.started(thread);
        running.put(listener, consumer);
        thread.start();
    }

    /** One message, one run: returns once the run is in the database, so that the message may be acknowledged. */
    private void startRun(Listener listener, Message message) throws Exception {
        WorkflowAtVersion workflow = snapshots.current(listener.workflowId());
        Node node = workflow.graph().node(listener.nodeId());
        if (!workflow.active() || node == null || node.settings().disabled()) {
            throw new NotListening("The node no longer listens (workflow inactive, node removed or disabled).");
        }
        JsonValue input = QueueReaderNode.OUTPUT_MESSAGE.equals(listener.shape())
                ? QueueMessages.describe(message, listener.queue())
                : QueueMessages.body(message);
        LiveRun run = launcher.startNow(workflow.graph(), node, TriggerType.QUEUE, input, null, null, false);
        journal.durable(run.id()).join();
    }
}
