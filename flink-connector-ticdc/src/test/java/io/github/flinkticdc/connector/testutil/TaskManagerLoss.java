package io.github.flinkticdc.connector.testutil;

import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * Loses the TaskManager a MiniCluster job runs on and starts a new one in its place, as a machine
 * failure would: the job restores from its latest checkpoint on the new TaskManager. For clusters
 * of one TaskManager.
 */
public final class TaskManagerLoss {

    private final MiniCluster cluster;

    /** TaskManagers started so far; the job runs on the newest. */
    private int started = 1;

    public TaskManagerLoss(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /** Terminates the newest TaskManager, waits until it is gone, and starts another. */
    public synchronized void loseAndReplace() throws Exception {
        // Terminated TaskManagers keep their place in the MiniCluster's list.
        cluster.terminateTaskManager(started - 1).get();
        cluster.startTaskManager();
        started++;
    }
}
