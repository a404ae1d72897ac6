package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.EngineLog;

/**
 * Formats the one-line events of a sync operation, so that every line reads alike and names the wave and the object:
 * <pre>
 * wave 1 Sync: apps/Deployment shop/web configured
 * wave 1 Sync: apps/Deployment shop/web Healthy
 * PreSync hook batch/Job shop/db-migrate-x7k2 created
 * PreSync hook batch/Job shop/db-migrate-x7k2 Succeeded
 * </pre>
 * Failures go to {@link EngineLog#warn}. Messages come from the API server through the cluster layer, which already
 * masks Secret values.
 */
final class ProgressLog {

    private final EngineLog log;

    ProgressLog(EngineLog log) {
        this.log = log;
    }

    /** What writing a task did ({@code created}, {@code pruned}, an error). */
    void written(TaskResult r) {
        line(r, r.message(), r.failed());
    }

    /** A hook's or a resource's progress after writing ({@code Succeeded}, {@code Healthy}, {@code Degraded: ...}). */
    void progressed(TaskResult r, String what, boolean bad) {
        line(r, what, bad);
    }

    void info(String message) {
        log.info(message);
    }

    void warn(String message) {
        log.warn(message);
    }

    private void line(TaskResult r, String what, boolean bad) {
        String subject = r.isHook() ? r.syncPhase() + " hook " + r.key()
                : "wave " + r.wave() + " " + r.syncPhase() + ": " + r.key();
        String text = subject + " " + what;
        if (bad) {
            log.warn(text);
        } else {
            log.info(text);
        }
    }
}
