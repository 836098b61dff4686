package io.orchestrator.engine.scheduling;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ThreadPool;

/**
 * Quartz's jobs on Liberty's managed executor instead of Quartz's own unmanaged threads (which
 * cannot look anything up in java:comp: a job then fails at its first JNDI or CDI lookup). At most {@code threadCount} jobs
 * run at once. Quartz makes this class by name and calls {@link #initialize} on the thread that
 * creates the scheduler: an application thread, where the lookup works.
 */
public class ManagedQuartzThreadPool implements ThreadPool {

    private int threadCount = 4;
    private Semaphore permits;
    private ExecutorService executor;

    public void setThreadCount(int threadCount) {
        this.threadCount = threadCount;
    }

    @Override
    public void initialize() throws SchedulerConfigException {
        try {
            executor = (ExecutorService) new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException missing) {
            throw new SchedulerConfigException("No managed executor: is the concurrent-3.0 feature enabled?", missing);
        }
        permits = new Semaphore(threadCount);
    }

    @Override
    public boolean runInThread(Runnable job) {
        if (!permits.tryAcquire()) {
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    job.run();
                } finally {
                    release();
                }
            });
            return true;
        } catch (RuntimeException refused) {
            release();
            return false;
        }
    }

    private void release() {
        permits.release();
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public synchronized int blockForAvailableThreads() {
        while (permits.availablePermits() == 0) {
            try {
                wait(500);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return permits.availablePermits();
    }

    @Override
    public int getPoolSize() {
        return threadCount;
    }

    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        // The executor is Liberty's; it outlives the scheduler.
    }

    @Override
    public void setInstanceId(String schedInstId) {}

    @Override
    public void setInstanceName(String schedName) {}
}
