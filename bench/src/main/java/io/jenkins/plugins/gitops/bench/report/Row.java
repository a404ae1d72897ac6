package io.jenkins.plugins.gitops.bench.report;

import io.jenkins.plugins.gitops.bench.measure.ProcessSamples;
import io.jenkins.plugins.gitops.bench.measure.Samples;
import io.jenkins.plugins.gitops.bench.measure.Stats;
import java.util.Objects;

/**
 * One line of a benchmark table: a scenario measured for one tool. Cells are preformatted text.
 *
 * @param scenario what was measured (same text on our row and the reference tool's row of a pair)
 * @param tool who did the work ("gitops engine (in-process)", "kubectl kustomize", ...)
 * @param runs number of measured runs or iterations behind the figures
 * @param median median time
 * @param p90 90th percentile time
 * @param min fastest time
 * @param memory memory figure, naming its kind (heap or RSS)
 * @param notes anything needed to read the row (result size, why it was not measured)
 */
public record Row(String scenario, String tool, String runs, String median, String p90, String min, String memory, String notes) {

    private static final String NONE = "—";

    public Row {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(tool, "tool");
        notes = notes == null ? "" : notes;
    }

    /** A row for an in-process scenario: times, peak and retained heap above the baseline, and the baseline. */
    public static Row of(String scenario, String tool, Samples samples, String notes) {
        Stats t = samples.time();
        String memory = "heap peak +" + Units.mib(samples.maxPeakHeap()) + ", retained +"
                + Units.mib(samples.medianRetainedHeap()) + " (baseline " + Units.mib(samples.medianBaselineHeap()) + ")";
        return new Row(scenario, tool, Integer.toString(t.count()), Units.millis(t.median()), Units.millis(t.p90()),
                Units.millis(t.min()), memory, notes);
    }

    /** A row for an external process: times and max RSS, or "not measurable" with {@code unmeasuredNote}. */
    public static Row of(String scenario, String tool, ProcessSamples samples, String notes, String unmeasuredNote) {
        if (!samples.measured()) {
            String why = unmeasuredNote == null ? samples.failure().orElseThrow()
                    : unmeasuredNote + " (" + samples.failure().orElseThrow() + ")";
            return new Row(scenario, tool, "0", NONE, NONE, NONE, NONE, why);
        }
        Stats t = samples.time();
        String memory = samples.maxRssBytes().map(b -> "max RSS " + Units.mib(b)).orElse("n/a (no GNU time)");
        String allNotes = samples.budgetExhausted()
                ? (notes == null || notes.isEmpty() ? "" : notes + "; ") + "fewer runs: the per-command time budget "
                        + "(--process-budget) was spent"
                : notes;
        return new Row(scenario, tool, Integer.toString(t.count()), Units.millis(t.median()), Units.millis(t.p90()),
                Units.millis(t.min()), memory, allNotes);
    }

    /** A row for something that was not run at all. */
    public static Row notRun(String scenario, String tool, String why) {
        return new Row(scenario, tool, "0", NONE, NONE, NONE, NONE, why);
    }
}
