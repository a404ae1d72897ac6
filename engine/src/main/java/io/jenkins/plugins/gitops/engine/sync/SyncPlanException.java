package io.jenkins.plugins.gitops.engine.sync;

import java.util.List;

/** A sync that must not run; the message lists every problem. */
public final class SyncPlanException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<PlanProblem> problems;

    public SyncPlanException(String message, List<PlanProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
