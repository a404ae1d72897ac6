package io.jenkins.plugins.gitops.pipeline;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * The state of one wait for an application to become Healthy, small enough to persist with the build so the wait
 * survives a restart. Only a comparison made after {@code since} counts (the one that prompted the wait may be
 * stale), and none while an operation is running. Degraded does not end the wait early: rollouts often pass
 * through it. On timeout the verdict says what the application looked like last.
 */
public final class HealthWait implements Serializable {

    private static final long serialVersionUID = 1L;

    static final long MIN_POLL_MS = 2_000;
    static final long MAX_POLL_MS = 15_000;

    /** What a check concluded. */
    public enum Kind { HEALTHY, WAIT, FAIL }

    /** A check's conclusion and what to tell the user. */
    public static final class Verdict {
        private final Kind kind;
        private final String message;

        Verdict(Kind kind, String message) {
            this.kind = kind;
            this.message = message;
        }

        public Kind kind() {
            return kind;
        }

        public String message() {
            return message;
        }
    }

    private final String app;
    private final long since;
    private final long deadline;
    private final int timeoutSeconds;
    private final LinkedHashMap<String, Object> result;
    private long pollMs = MIN_POLL_MS;
    private String lastReported;

    /**
     * @param result the step's return value, completed with the final health and sync status
     */
    public HealthWait(String app, long since, int timeoutSeconds, LinkedHashMap<String, Object> result) {
        this.app = app;
        this.since = since;
        this.timeoutSeconds = timeoutSeconds;
        this.deadline = since + timeoutSeconds * 1000L;
        this.result = result;
    }

    public String app() {
        return app;
    }

    public long deadline() {
        return deadline;
    }

    /** Judges the controller's latest snapshot; {@code status} is empty when the app is not registered. */
    public Verdict assess(AppStatus status, long now) {
        if (status == null) {
            return new Verdict(Kind.FAIL, "application '" + app + "' is not registered with the GitOps controller "
                    + "(run gitopsSync with file: first)");
        }
        String state = describe(status);
        AppComparison c = status.comparison();
        boolean fresh = c != null && c.comparedAt() != null && c.comparedAt().toEpochMilli() >= since;
        boolean running = status.lastOperation() != null && status.lastOperation().inProgress();
        if (fresh && !running && c.error() == null && c.health() != null
                && c.health().status() == HealthStatus.Healthy) {
            result.put("health", HealthStatus.Healthy.name());
            result.put("sync", c.syncStatus().name());
            return new Verdict(Kind.HEALTHY, app + " is Healthy (" + c.syncStatus() + ")");
        }
        if (now >= deadline) {
            return new Verdict(Kind.FAIL, app + " did not become Healthy within " + timeoutSeconds + "s; last seen: "
                    + state);
        }
        return new Verdict(Kind.WAIT, state);
    }

    private String describe(AppStatus status) {
        AppComparison c = status.comparison();
        if (status.lastOperation() != null && status.lastOperation().inProgress()) {
            return "operation " + status.lastOperation().phase() + ": " + status.lastOperation().message();
        }
        if (c == null || c.comparedAt() == null || c.comparedAt().toEpochMilli() < since) {
            return "waiting for the controller to compare the live state";
        }
        if (c.error() != null) {
            return "comparison failed: " + c.error();
        }
        return c.health() == null ? "health Unknown, " + c.syncStatus() : c.health() + ", " + c.syncStatus();
    }

    /** Whether this state differs from what was last printed (so the log shows changes, not every poll). */
    public boolean reportable(String message) {
        if (message.equals(lastReported)) {
            return false;
        }
        lastReported = message;
        return true;
    }

    /** The delay before the next check: starts small, grows to {@link #MAX_POLL_MS}. */
    public long nextPollMs() {
        long d = pollMs;
        pollMs = Math.min(MAX_POLL_MS, pollMs * 3 / 2);
        return d;
    }

    public LinkedHashMap<String, Object> result() {
        return result;
    }
}
