package io.jenkins.plugins.gitops.engine.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of one (phase, wave): what a runner executes before waiting for health and moving on. Inside a step
 * gitops-engine ({@code runTasks}) first prunes, then deletes hooks left from earlier syncs, then applies in
 * {@link #kindGroups() kind groups}: tasks of one group may run in parallel, groups run one after another.
 *
 * @param tasks in execution order
 */
public record SyncStep(SyncPhase phase, int wave, List<SyncTask> tasks) {

    public SyncStep {
        tasks = List.copyOf(tasks);
    }

    /** Tasks that delete live objects no longer in Git (including skipped ones, which report PruneSkipped). */
    public List<SyncTask> pruneTasks() {
        return tasks.stream().filter(SyncTask::isPrune).toList();
    }

    /** Tasks that apply a target (resources and hooks). */
    public List<SyncTask> applyTasks() {
        return tasks.stream().filter(t -> !t.isPrune()).toList();
    }

    public List<SyncTask> hooks() {
        return tasks.stream().filter(SyncTask::isHook).toList();
    }

    /**
     * The apply tasks split into runs of consecutive tasks of the same kind, in order (as gitops-engine's
     * {@code runTasks} waits only "if the type of the next task is different than the previous type").
     */
    public List<List<SyncTask>> kindGroups() {
        List<List<SyncTask>> groups = new ArrayList<>();
        List<SyncTask> current = new ArrayList<>();
        for (SyncTask task : applyTasks()) {
            if (!current.isEmpty() && !current.get(0).kind().equals(task.kind())) {
                groups.add(List.copyOf(current));
                current.clear();
            }
            current.add(task);
        }
        if (!current.isEmpty()) {
            groups.add(List.copyOf(current));
        }
        return List.copyOf(groups);
    }

    @Override
    public String toString() {
        return phase + "/" + wave + " " + tasks;
    }
}
