package io.orchestrator.engine.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

/**
 * Every job the engine gives Quartz: what to do is in its data (action, run, node, attempt,
 * workflow), and the work is the {@link ScheduledWork} bean's, so jobs carry no logic of their own.
 */
@DisallowConcurrentExecution
public class EngineJob implements Job {

    static final String ACTION = "action";
    static final String RUN = "run";
    static final String NODE = "node";
    static final String ATTEMPT = "attempt";
    static final String WORKFLOW = "workflow";

    private final ScheduledWork work;

    EngineJob(ScheduledWork work) {
        this.work = work;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        work.perform(
                data.getString(ACTION),
                data.getString(RUN),
                data.getString(NODE),
                data.containsKey(ATTEMPT) ? data.getInt(ATTEMPT) : 0,
                data.getString(WORKFLOW));
    }
}
