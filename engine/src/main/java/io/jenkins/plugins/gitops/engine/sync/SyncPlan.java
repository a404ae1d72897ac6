package io.jenkins.plugins.gitops.engine.sync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of planning one sync: the ordered tasks, grouped into steps, and the problems that forbid running it.
 * A runner executes {@link #steps()} one after another, and {@link #syncFailStep()} only when a step failed; it must
 * refuse a plan that is not {@link #valid()} (see {@link #requireValid()}). Immutable.
 */
public final class SyncPlan {

    private final String appName;
    private final SyncTasks tasks;
    private final List<PlanProblem> problems;
    private final List<String> warnings;
    private final boolean dryRun;

    SyncPlan(String appName, SyncTasks tasks, List<PlanProblem> problems, List<String> warnings, boolean dryRun) {
        this.appName = Objects.requireNonNull(appName, "appName");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
        this.dryRun = dryRun;
    }

    public String appName() {
        return appName;
    }

    public SyncTasks tasks() {
        return tasks;
    }

    /** PreSync, Sync and PostSync steps in execution order. */
    public List<SyncStep> steps() {
        return tasks.steps();
    }

    /** The SyncFail hooks, run only after a failure. */
    public Optional<SyncStep> syncFailStep() {
        return tasks.syncFailStep();
    }

    /** Problems that forbid running the plan; empty for a valid plan. */
    public List<PlanProblem> problems() {
        return problems;
    }

    /** Things worth telling the user that do not stop the sync. */
    public List<String> warnings() {
        return warnings;
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Prune tasks held back until a person confirms pruning ({@code Prune=confirm}). */
    public List<SyncTask> awaitingConfirmation() {
        return tasks.list().stream().filter(SyncTask::awaitingConfirmation).toList();
    }

    /**
     * Returns this plan when valid.
     *
     * @throws SyncPlanException listing every problem, prefixed with the application name
     */
    public SyncPlan requireValid() {
        if (!valid()) {
            throw new SyncPlanException(appName + ": sync refused: " + problems.stream().map(PlanProblem::message)
                    .collect(Collectors.joining("; ")), problems);
        }
        return this;
    }

    @Override
    public String toString() {
        return appName + " " + (valid() ? tasks : "invalid: " + problems);
    }
}
