package io.jenkins.plugins.gitops.action;

import hudson.model.Run;
import java.io.IOException;
import jenkins.model.RunAction2;

/**
 * A build's GitOps result for one application: a box on the build page ({@code summary.jelly}) and a page with the
 * resource tree, diff and hook results ({@code index.jelly}) at {@code <build>/gitops-<app>/}. A later GitOps step
 * of the same build on the same application replaces the snapshot, so the page shows where the build left it.
 * Visible to whoever may read the build.
 */
public final class GitOpsRunAction implements RunAction2 {

    static final String ICON = "symbol-git-branch-outline plugin-ionicons-api";

    /** Serialises concurrent steps of one build recording results (parallel branches). */
    private static final Object RECORD_LOCK = new Object();

    private transient Run<?, ?> run;
    private RunSnapshot snapshot;

    GitOpsRunAction(RunSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Adds or replaces the action of {@code snapshot}'s application and saves the build. */
    public static void record(Run<?, ?> run, RunSnapshot snapshot) throws IOException {
        synchronized (RECORD_LOCK) {
            for (GitOpsRunAction a : run.getActions(GitOpsRunAction.class)) {
                if (a.getApp().equals(snapshot.getApp())) {
                    a.snapshot = snapshot;
                    run.save();
                    return;
                }
            }
            run.addAction(new GitOpsRunAction(snapshot));
            run.save();
        }
    }

    /**
     * When a step of this build synced {@code app} and then waited until it was Healthy: shows the state the wait
     * ended with, so the build page does not keep the Progressing state seen right after the sync.
     */
    public static void recordStateAfterWait(Run<?, ?> run, String app, io.jenkins.plugins.gitops.engine.AppComparison c)
            throws IOException {
        if (c == null || c.error() != null) {
            return;
        }
        synchronized (RECORD_LOCK) {
            for (GitOpsRunAction a : run.getActions(GitOpsRunAction.class)) {
                if (a.getApp().equals(app) && !a.snapshot.getOperationPhase().isEmpty() && !a.snapshot.isDryRun()) {
                    a.snapshot = RunSnapshots.afterWait(a.snapshot, c, System.currentTimeMillis());
                    run.save();
                    return;
                }
            }
        }
    }

    public String getApp() {
        return snapshot.getApp();
    }

    public RunSnapshot getSnapshot() {
        return snapshot;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return ICON;
    }

    public String getIconClassName() {
        return ICON;
    }

    @Override
    public String getDisplayName() {
        return "GitOps: " + snapshot.getApp();
    }

    @Override
    public String getUrlName() {
        return "gitops-" + snapshot.getApp();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
