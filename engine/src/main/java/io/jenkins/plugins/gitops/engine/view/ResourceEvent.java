package io.jenkins.plugins.gitops.engine.view;

/**
 * One Kubernetes event about a resource, as the details page lists it.
 *
 * @param type     Normal or Warning
 * @param reason   e.g. Scheduled, BackOff
 * @param message  the event's message, secrets masked
 * @param count    how many times it happened
 * @param lastSeen RFC 3339 time it was last seen (empty when unknown)
 * @param source   the reporting component, e.g. kubelet
 */
public record ResourceEvent(String type, String reason, String message, int count, String lastSeen, String source) {

    public boolean isWarning() {
        return "Warning".equals(type);
    }

    public String getType() {
        return type;
    }

    public String getReason() {
        return reason;
    }

    public String getMessage() {
        return message;
    }

    public int getCount() {
        return count;
    }

    public String getLastSeen() {
        return lastSeen;
    }

    public String getSource() {
        return source;
    }
}
