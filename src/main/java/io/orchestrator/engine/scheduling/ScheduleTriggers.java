package io.orchestrator.engine.scheduling;

import io.orchestrator.engine.GraphSnapshot;
import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.RunLauncher;
import io.orchestrator.engine.SnapshotStore;
import io.orchestrator.engine.TriggerType;
import io.orchestrator.engine.WorkflowAtVersion;
import io.orchestrator.nodes.CronSchedule;
import io.orchestrator.nodes.ScheduleNode;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.workflow.WorkflowChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.logging.Logger;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The cron triggers of schedule nodes: one Quartz trigger per schedule node of an active
 * workflow, kept in step with the workflow after every committed change.
 */
@ApplicationScoped
public class ScheduleTriggers {

    private static final Logger LOG = Logger.getLogger(ScheduleTriggers.class.getName());

    @Inject
    QuartzEngineScheduler scheduler;

    @Inject
    SnapshotStore snapshots;

    @Inject
    RunLauncher launcher;

    @Resource
    ManagedExecutorService executor;

    /** On its own thread: after the commit the transaction is finishing, and reading the graph needs a new one. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkflowChanged changed) {
        executor.execute(() -> sync(changed.workflowId(), changed.deleted()));
    }

    void sync(String workflowId, boolean deleted) {
        String group = group(workflowId);
        try {
            List<JobKey> old = new ArrayList<>(scheduler.quartz().getJobKeys(GroupMatcher.jobGroupEquals(group)));
            if (!old.isEmpty()) {
                scheduler.quartz().deleteJobs(old);
            }
            if (deleted) {
                return;
            }
            WorkflowAtVersion workflow;
            try {
                workflow = snapshots.current(workflowId);
            } catch (ApiException cannotRun) {
                return;
            }
            if (!workflow.active()) {
                return;
            }
            for (Node node : workflow.graph().nodes()) {
                if (node.type().equals(ScheduleNode.KEY) && !node.settings().disabled()) {
                    add(workflowId, node, group);
                }
            }
        } catch (SchedulerException failed) {
            LOG.warning("Could not update the schedules of workflow " + workflowId + ": " + failed.getMessage());
        }
    }

    private void add(String workflowId, Node node, String group) throws SchedulerException {
        String cron = CronSchedule.toQuartz(node.formValues().getString("cron", ""));
        String zone = node.formValues().getString("timezone", "UTC");
        JobDetail job = JobBuilder.newJob(EngineJob.class)
                .withIdentity(node.id(), group)
                .usingJobData(EngineJob.ACTION, ScheduledWork.CRON)
                .usingJobData(EngineJob.WORKFLOW, workflowId)
                .usingJobData(EngineJob.NODE, node.id())
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(node.id(), group)
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(TimeZone.getTimeZone(ZoneId.of(zone)))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.quartz().scheduleJob(job, Set.of(trigger), true);
    }

    /** A schedule fired: a run from that node, if the workflow is still active and the node still there. */
    void fire(String workflowId, String nodeId) {
        WorkflowAtVersion workflow = snapshots.current(workflowId);
        GraphSnapshot graph = workflow.graph();
        Node node = graph.node(nodeId);
        if (!workflow.active() || node == null) {
            return;
        }
        launcher.startNow(
                graph,
                node,
                TriggerType.SCHEDULE,
                Jsonp.JSON
                        .createObjectBuilder()
                        .add("fired_at", Instant.now().toString())
                        .build(),
                null,
                null,
                false);
    }

    private static String group(String workflowId) {
        return "schedule:" + workflowId;
    }
}
