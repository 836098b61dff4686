package io.orchestrator.engine.scheduling;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.EngineInstance;
import io.orchestrator.engine.EngineScheduler;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.platform.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Quartz with its JDBC job store in the application's database, clustered: starting stored runs,
 * waking waiting runs, retries after their backoff, cron schedules and the recovery sweep all go
 * through it, so any server sharing the database can do them and a dead server's work is taken
 * over. A run's jobs are grouped by run id, so that a run that ends forgets them in one call.
 */
@ApplicationScoped
public class QuartzEngineScheduler implements EngineScheduler {

    private static final Logger LOG = Logger.getLogger(QuartzEngineScheduler.class.getName());
    public static final long CHECKIN_INTERVAL_MS = 5_000;
    private static final String RECOVERY_GROUP = "engine";

    @Inject
    EngineInstance instance;

    @Inject
    ScheduledWork work;

    @Inject
    RunJournal journal;

    @Inject
    OrchestratorConfig config;

    private volatile Scheduler scheduler;

    /** After the journal (which observes SchemaReady earlier): jobs may write runs as soon as they fire. */
    void start(@Observes @Priority(3000) SchemaReady ready) throws SchedulerException {
        Properties settings = new Properties();
        settings.setProperty("org.quartz.scheduler.instanceName", "orchestrator");
        settings.setProperty("org.quartz.scheduler.instanceId", instance.id());
        settings.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        settings.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
        settings.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "4");
        settings.setProperty("org.quartz.threadPool.class", ManagedQuartzThreadPool.class.getName());
        settings.setProperty("org.quartz.threadPool.threadCount", "4");
        settings.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        settings.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        settings.setProperty("org.quartz.jobStore.dataSource", "orchestrator");
        settings.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        settings.setProperty("org.quartz.jobStore.isClustered", "true");
        settings.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECKIN_INTERVAL_MS));
        settings.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        settings.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        settings.setProperty("org.quartz.dataSource.orchestrator.jndiURL", "jdbc/orchestrator-direct");
        StdSchedulerFactory factory = new StdSchedulerFactory(settings);
        Scheduler created = factory.getScheduler();
        created.setJobFactory((bundle, quartz) -> new EngineJob(work));
        created.start();
        scheduler = created;
        scheduleRecovery();
        scheduleHousekeeping();
        LOG.info("Scheduler started (Quartz, clustered JDBC job store) as instance " + instance.id());
    }

    /** The application is stopping: no trigger fires any more while the engine drains its attempts (after this). */
    void pause(
            @Observes(notifyObserver = Reception.IF_EXISTS) @Priority(1000) @BeforeDestroyed(ApplicationScoped.class)
                    Object stopping) {
        if (scheduler != null) {
            try {
                scheduler.standby();
            } catch (SchedulerException failed) {
                LOG.warning("Quartz did not pause for the shutdown: " + failed.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException failed) {
                LOG.warning("Quartz did not shut down cleanly: " + failed.getMessage());
            }
        }
    }

    Scheduler quartz() {
        if (scheduler == null) {
            throw new IllegalStateException("The scheduler has not started yet.");
        }
        return scheduler;
    }

    private void scheduleRecovery() throws SchedulerException {
        scheduleRepeating("recover", ScheduledWork.RECOVER, 10);
    }

    /** One job, for the whole cluster, that lets each room tidy up ({@link HousekeepingDue}). */
    private void scheduleHousekeeping() throws SchedulerException {
        scheduleRepeating("housekeeping", ScheduledWork.HOUSEKEEPING, (int)
                Math.max(1, config.housekeepingInterval().toSeconds()));
    }

    /** A durable job of the engine's own, fired every so many seconds by one server of the cluster. */
    private void scheduleRepeating(String name, String action, int everySeconds) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(EngineJob.class)
                .withIdentity(name, RECOVERY_GROUP)
                .usingJobData(EngineJob.ACTION, action)
                .storeDurably()
                .build();
        Trigger every = TriggerBuilder.newTrigger()
                .withIdentity(name, RECOVERY_GROUP)
                .forJob(job)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(everySeconds)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(job, Set.of(every), true);
    }

    /** {@code {status, instance, threads, jobs_executed}}: UP while Quartz fires triggers (not in standby or shut down). */
    public JsonObject status() {
        Scheduler current = scheduler;
        if (current == null) {
            return JSON.createObjectBuilder()
                    .add("status", "DOWN")
                    .add("error", "not started")
                    .build();
        }
        try {
            SchedulerMetaData meta = current.getMetaData();
            boolean firing = meta.isStarted() && !meta.isInStandbyMode() && !meta.isShutdown();
            return JSON.createObjectBuilder()
                    .add("status", firing ? "UP" : "DOWN")
                    .add("instance", meta.getSchedulerInstanceId())
                    .add("clustered", meta.isJobStoreClustered())
                    .add("threads", meta.getThreadPoolSize())
                    .add("jobs_executed", meta.getNumberOfJobsExecuted())
                    .build();
        } catch (SchedulerException failed) {
            return JSON.createObjectBuilder()
                    .add("status", "DOWN")
                    .add("error", failed.getMessage())
                    .build();
        }
    }

    @Override
    public void startSoon(String runId) {
        schedule(runId, "start", ScheduledWork.START, null, 0, Instant.now());
    }

    @Override
    public void wakeAt(String runId, String nodeId, int attempt, Instant at) {
        schedule(runId, "wake:" + nodeId + ":" + attempt, ScheduledWork.WAKE, nodeId, attempt, at);
    }

    @Override
    public void retryAt(String runId, String nodeId, int attempt, Instant at) {
        schedule(runId, "retry:" + nodeId + ":" + attempt, ScheduledWork.RETRY, nodeId, attempt, at);
    }

    private void schedule(String runId, String name, String action, String nodeId, int attempt, Instant at) {
        JobBuilder builder = JobBuilder.newJob(EngineJob.class)
                .withIdentity(name, runId)
                .requestRecovery()
                .usingJobData(EngineJob.ACTION, action)
                .usingJobData(EngineJob.RUN, runId)
                .usingJobData(EngineJob.ATTEMPT, attempt);
        if (nodeId != null) {
            builder.usingJobData(EngineJob.NODE, nodeId);
        }
        JobDetail job = builder.build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, runId)
                .forJob(job)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz().scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException failed) {
            throw new IllegalStateException(
                    "Cannot schedule " + action + " of run " + runId + ": " + failed.getMessage(), failed);
        }
    }

    @Override
    public void forget(String runId) {
        try {
            Set<JobKey> jobs = quartz().getJobKeys(GroupMatcher.jobGroupEquals(runId));
            if (!jobs.isEmpty()) {
                quartz().deleteJobs(new ArrayList<>(jobs));
            }
        } catch (SchedulerException failed) {
            LOG.warning("Could not forget the scheduled jobs of run " + runId + ": " + failed.getMessage()
                    + " (they will find the run ended and do nothing)");
        }
    }
}
