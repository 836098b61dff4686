package io.orchestrator.nodes.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a process and every process it started: first politely (SIGTERM), then, for whatever still
 * runs after the grace time, by force (SIGKILL). The descendants are listed before the parent is
 * signalled: once it is gone, its children belong to init and can no longer be found from it.
 */
final class ProcessTree {

    private ProcessTree() {}

    /** Returns once every process of the tree has ended, or after twice the grace time at most. */
    static void kill(ProcessHandle root, long graceMillis) {
        List<ProcessHandle> tree = members(root);
        tree.forEach(ProcessHandle::destroy);
        if (awaitEnd(tree, graceMillis)) {
            return;
        }
        // Children started meanwhile by the survivors are found from them.
        List<ProcessHandle> survivors = new ArrayList<>();
        for (ProcessHandle process : tree) {
            if (process.isAlive()) {
                survivors.addAll(members(process));
            }
        }
        survivors.forEach(ProcessHandle::destroyForcibly);
        awaitEnd(survivors, graceMillis);
    }

    /** The process and its descendants, children first. */
    private static List<ProcessHandle> members(ProcessHandle root) {
        List<ProcessHandle> members = new ArrayList<>(root.descendants().toList());
        members.add(root);
        return members;
    }

    private static boolean awaitEnd(List<ProcessHandle> processes, long waitMillis) {
        CompletableFuture<?>[] ends =
                processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(ends).get(waitMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (InterruptedException interrupted) {
            // Being stopped ourselves: the kill goes on, the interrupt is kept for the caller.
            Thread.currentThread().interrupt();
            processes.forEach(ProcessHandle::destroyForcibly);
            return true;
        } catch (ExecutionException impossible) {
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}
