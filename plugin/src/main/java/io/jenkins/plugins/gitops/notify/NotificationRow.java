package io.jenkins.plugins.gitops.notify;

import io.jenkins.plugins.gitops.engine.notify.DeliveryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One line of the application page's notification log (newest first); messages are masked by the engine. */
public final class NotificationRow {

    private final DeliveryRecord record;
    private final Instant now;

    private NotificationRow(DeliveryRecord record, Instant now) {
        this.record = record;
        this.now = now;
    }

    public static List<NotificationRow> of(String app, Instant now) {
        List<NotificationRow> rows = new ArrayList<>();
        for (DeliveryRecord r : PluginNotifier.deliveries(app)) {
            rows.add(0, new NotificationRow(r, now));
        }
        return rows;
    }

    public String getAt() {
        long s = Math.max(0, now.getEpochSecond() - record.at().getEpochSecond());
        return s < 60 ? s + " s ago" : s < 3600 ? s / 60 + " min ago" : s < 86400 ? s / 3600 + " h ago"
                : s / 86400 + " d ago";
    }

    public String getAtExact() {
        return record.at().toString();
    }

    public String getTrigger() {
        return record.trigger();
    }

    public String getTemplate() {
        return record.template();
    }

    public String getDestination() {
        return record.service() + (record.recipient().isEmpty() ? "" : ":" + record.recipient());
    }

    public String getOutcome() {
        return record.outcome();
    }

    public int getAttempts() {
        return record.attempts();
    }

    public String getMessage() {
        return record.message();
    }

    public boolean isFailed() {
        return record.failed();
    }
}
