package io.jenkins.plugins.gitops.bench.report;

import java.util.Locale;

/** Formatting of durations and sizes for the report. */
public final class Units {

    private static final double MIB = 1024.0 * 1024.0;

    private Units() {}

    /** Milliseconds: one decimal below 100 ms, whole numbers above. */
    public static String millis(long nanos) {
        double ms = nanos / 1_000_000.0;
        return ms < 100 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    /** Mebibytes with one decimal. */
    public static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }
}
