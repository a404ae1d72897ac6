package io.jenkins.plugins.gitops.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an external command {@code warmup} + {@code iterations} times and records wall time (process start to exit)
 * and, through GNU {@code time -f %M}, the maximum resident set size. The first run whose exit code is not a success
 * ends the measurement: the result then carries the exit code and the end of stderr instead of numbers.
 *
 * <p>A time budget per command keeps slow reference tools from dominating the run: no new run starts once the runs
 * so far took longer than the budget, and a warm-up run that alone exceeds it is kept as the (only) measured run.
 * The result says when that happened.
 */
public final class ProcessSampler {

    /** GNU time; without it memory is not reported. */
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final long TIMEOUT_MINUTES = 10;

    private final int warmup;
    private final int iterations;
    private final Consumer<String> progress;
    private final boolean withTime;
    private final long budgetNanos;

    /** @param budget wall time after which no further run of the same command starts */
    public ProcessSampler(int warmup, int iterations, Duration budget, Consumer<String> progress) {
        this.warmup = warmup;
        this.iterations = iterations;
        this.budgetNanos = budget.toNanos();
        this.progress = progress;
        this.withTime = gnuTimeWorks();
    }

    /** Whether maximum RSS can be measured on this machine. */
    public boolean measuresMemory() {
        return withTime;
    }

    public int iterations() {
        return iterations;
    }

    public ProcessSamples measure(ProcessSpec spec) {
        progress.accept("  " + spec.name() + ": " + warmup + " warm-up + " + iterations + " measured runs");
        List<Long> nanos = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        long spent = 0;
        for (int i = 0; i < warmup + iterations; i++) {
            Run run = runOnce(spec);
            if (!spec.success().test(run.exitCode())) {
                String why = spec.name() + " exited with " + run.exitCode() + ": " + run.stderrTail();
                progress.accept("  " + why);
                return ProcessSamples.failed(why);
            }
            spent += run.nanos();
            if (i >= warmup || run.nanos() > budgetNanos) {
                nanos.add(run.nanos());
                run.maxRssKib().ifPresent(rss::add);
            }
            if (!nanos.isEmpty() && spent > budgetNanos && i + 1 < warmup + iterations) {
                progress.accept("  " + spec.name() + ": time budget spent after " + nanos.size() + " measured run(s)");
                return new ProcessSamples(nanos, rss, Optional.empty(), true);
            }
        }
        return new ProcessSamples(nanos, rss, Optional.empty(), false);
    }

    /** One run of the command; exceptions (cannot start, timeout) are failures naming the command. */
    public Run runOnce(ProcessSpec spec) {
        Path stderr = spec.stdout().resolveSibling(spec.stdout().getFileName() + ".stderr");
        Path rssFile = spec.stdout().resolveSibling(spec.stdout().getFileName() + ".rss");
        List<String> command = new ArrayList<>();
        if (withTime) {
            command.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rssFile.toString()));
        }
        command.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder(command).directory(spec.directory().toFile())
                .redirectOutput(spec.stdout().toFile()).redirectError(stderr.toFile());
        pb.environment().putAll(spec.environment());
        try {
            spec.before().run();
            long start = System.nanoTime();
            Process process = pb.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new BenchmarkFailure(spec.name() + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            long elapsed = System.nanoTime() - start;
            String errors = tail(stderr).replace(spec.directory().toAbsolutePath() + "/", ""); // stable across runs
            return new Run(process.exitValue(), elapsed, withTime ? readRss(rssFile) : Optional.empty(), errors);
        } catch (IOException e) {
            throw new BenchmarkFailure(spec.name() + ": cannot run " + spec.command().get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(spec.name() + " interrupted", e);
        } catch (BenchmarkFailure e) {
            throw e;
        } catch (Exception e) {
            throw new BenchmarkFailure(spec.name() + ": preparing the run failed: " + e, e);
        }
    }

    /**
     * One run of a command.
     *
     * @param exitCode the command's exit code
     * @param nanos wall time
     * @param maxRssKib maximum resident set size, when measured
     * @param stderrTail the last lines of standard error
     */
    public record Run(int exitCode, long nanos, Optional<Long> maxRssKib, String stderrTail) {}

    /** GNU time writes "Command exited with non-zero status N" before the format line; the figure is the last line. */
    private static Optional<Long> readRss(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).trim();
            if (line.matches("\\d+")) {
                return Optional.of(Long.parseLong(line));
            }
        }
        return Optional.empty();
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())).trim();
    }

    private static boolean gnuTimeWorks() {
        if (!Files.isExecutable(GNU_TIME)) {
            return false;
        }
        try {
            Path out = Files.createTempFile("gnu-time", ".txt");
            try {
                Process p = new ProcessBuilder(GNU_TIME.toString(), "-f", "%M", "-o", out.toString(), "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && readRss(out).isPresent();
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
