package io.jenkins.plugins.gitops.bench.report;

import java.util.List;
import java.util.Objects;

/**
 * What one benchmark reports: a heading, how the data was set up, one table and notes below it.
 *
 * @param id the benchmark's registry id
 * @param title heading, naming the issue it measures
 * @param setup paragraphs describing the data and what each scenario does
 * @param rows the table, ours and the reference tool's rows side by side
 * @param notes remarks on reading the table (caveats, correctness checks that passed)
 */
public record BenchmarkReport(String id, String title, List<String> setup, List<Row> rows, List<String> notes) {

    public BenchmarkReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        setup = List.copyOf(setup);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
