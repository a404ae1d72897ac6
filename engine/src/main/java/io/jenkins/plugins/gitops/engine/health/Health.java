package io.jenkins.plugins.gitops.engine.health;

import java.util.Objects;

/**
 * The assessed health of one object or application: a status and a human readable message (empty, never null).
 *
 * @param status  the health status, never null
 * @param message why, for example {@code Waiting for rollout to finish: 1 of 3 updated replicas are available...}
 */
public record Health(HealthStatus status, String message) {

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static Health healthy() {
        return new Health(HealthStatus.Healthy, "");
    }

    public static Health healthy(String message) {
        return new Health(HealthStatus.Healthy, message);
    }

    public static Health suspended(String message) {
        return new Health(HealthStatus.Suspended, message);
    }

    public static Health progressing(String message) {
        return new Health(HealthStatus.Progressing, message);
    }

    public static Health missing(String message) {
        return new Health(HealthStatus.Missing, message);
    }

    public static Health degraded(String message) {
        return new Health(HealthStatus.Degraded, message);
    }

    public static Health unknown(String message) {
        return new Health(HealthStatus.Unknown, message);
    }

    /** {@code Degraded: the message}, or just the status when there is no message. */
    @Override
    public String toString() {
        return message.isEmpty() ? status.name() : status + ": " + message;
    }
}
