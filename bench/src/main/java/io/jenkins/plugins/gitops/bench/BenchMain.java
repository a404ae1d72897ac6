package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.MachineInfo;
import io.jenkins.plugins.gitops.bench.report.MarkdownReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Entry point: {@code java -jar gitops-bench.jar [options]} runs the selected benchmarks one after the other and
 * writes the report; {@code --child NAME ARGS} (internal) runs one {@link ChildTask} and exits. Exit code 0 when every
 * benchmark ran, 1 when one failed (the report is then not written), 2 for bad options.
 */
public final class BenchMain {

    /** Marks a fresh-JVM child invocation. */
    static final String CHILD_OPTION = "--child";

    /** The mock API server logs every request at INFO through java.util.logging; held so the level sticks. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        List<String> list = Arrays.asList(args);
        if (!list.isEmpty() && list.get(0).equals(CHILD_OPTION)) {
            runChild(list.subList(1, list.size()));
            return;
        }
        if (list.contains("--help") || list.contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            Benchmarks.all().forEach(b -> System.out.println("  " + b.id() + ": " + b.description()));
            return;
        }
        BenchOptions options;
        List<Benchmark> selected;
        try {
            options = BenchOptions.parse(list);
            selected = Benchmarks.select(options.only());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, selected, System.out));
    }

    static int run(BenchOptions options, List<Benchmark> selected, PrintStream console) throws IOException {
        Path work = options.workDir().isPresent() ? Files.createDirectories(options.workDir().get())
                : Files.createTempDirectory("gitops-bench");
        List<BenchmarkReport> reports = new ArrayList<>();
        String loadAtStart = MachineInfo.loadAverage();
        try {
            BenchEnvironment env = new BenchEnvironment(options, work, console);
            for (Benchmark benchmark : selected) {
                console.println("== " + benchmark.id() + ": " + benchmark.description());
                long start = System.nanoTime();
                try {
                    reports.add(benchmark.run(env));
                } catch (Exception e) {
                    console.println("benchmark '" + benchmark.id() + "' failed: " + e.getMessage());
                    e.printStackTrace(console);
                    return 1;
                }
                console.printf("== %s done in %.1f s%n", benchmark.id(), (System.nanoTime() - start) / 1e9);
            }
        } finally {
            if (options.workDir().isEmpty()) {
                deleteTree(work);
            }
        }
        MarkdownReport report = new MarkdownReport(MachineInfo.collect(options.kubeconfig(), loadAtStart), ZonedDateTime.now(),
                reproduceCommand(options), "Each in-process scenario runs at least " + options.warmup()
                        + " warm-up iterations and keeps warming up for at least " + options.warmupTime().toSeconds()
                        + " s (so short actions are JIT-compiled before they are measured), then "
                        + options.iterations() + " measured ones. Each external "
                        + "process runs " + Math.min(options.warmup(), 1) + " warm-up run, then up to "
                        + options.processIterations() + " measured ones, but no further run starts once the runs of "
                        + "one command took more than " + options.processBudget().toSeconds() + " s (a warm-up run "
                        + "longer than that is kept as the only measured run); the Runs column counts measured runs.");
        report.write(options.out(), reports);
        console.println("wrote " + options.out().toAbsolutePath());
        return 0;
    }

    private static String reproduceCommand(BenchOptions options) {
        List<String> args = new ArrayList<>(options.arguments());
        int out = args.indexOf("--out");
        if (out >= 0 && out + 1 < args.size()) {
            args.subList(out, out + 2).clear(); // where the report goes does not change the numbers
        }
        return args.isEmpty() ? "bench/run.sh" : "bench/run.sh " + String.join(" ", args);
    }

    private static void runChild(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(CHILD_OPTION + " needs a task name: " + ChildTasks.names());
        }
        ChildTask task = ChildTasks.find(args.get(0)).orElseThrow(() -> new IllegalArgumentException(
                "unknown child task '" + args.get(0) + "'; known: " + ChildTasks.names()));
        task.run(args.subList(1, args.size()));
        System.exit(0); // do not wait for non-daemon threads of HTTP clients
    }

    /** Deletes a directory tree, making read-only directories (materialised Git trees) writable first. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isDirectory).forEach(d -> d.toFile().setWritable(true));
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
