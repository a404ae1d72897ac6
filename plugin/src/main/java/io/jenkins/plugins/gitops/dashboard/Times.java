package io.jenkins.plugins.gitops.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as pages show them: relative ("3 min ago", "in 2 min") with the exact UTC time for a tooltip. */
public final class Times {

    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {}

    /** Empty for null. */
    public static String exact(Instant t) {
        return t == null ? "" : EXACT.format(t);
    }

    /** {@code 42 s ago}, {@code 3 min ago}, {@code 5 h ago}, {@code 2 d ago}, or {@code in ...} for the future. */
    public static String relative(Instant t, Instant now) {
        if (t == null) {
            return "";
        }
        Duration d = Duration.between(t, now);
        boolean future = d.isNegative();
        long s = Math.abs(d.getSeconds());
        String amount;
        if (s < 60) {
            amount = s + " s";
        } else if (s < 3600) {
            amount = s / 60 + " min";
        } else if (s < 86_400) {
            amount = s / 3600 + " h";
        } else {
            amount = s / 86_400 + " d";
        }
        return future ? "in " + amount : amount + " ago";
    }
}
