package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.bench.measure.ProcessSampler;
import io.jenkins.plugins.gitops.bench.measure.ProcessSpec;
import io.jenkins.plugins.gitops.bench.measure.Sampler;
import io.jenkins.plugins.gitops.engine.EngineLog;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a running benchmark gets from the harness: the options, a private work directory, the samplers configured with
 * the iteration counts, the console, and the command that runs a {@link ChildTask} in a fresh JVM.
 */
public final class BenchEnvironment {

    private final BenchOptions options;
    private final Path workRoot;
    private final PrintStream console;
    private final Sampler sampler;
    private final ProcessSampler processSampler;

    public BenchEnvironment(BenchOptions options, Path workRoot, PrintStream console) {
        this.options = options;
        this.workRoot = workRoot;
        this.console = console;
        this.sampler = new Sampler(options.warmup(), options.warmupTime(), options.iterations(), this::progress);
        this.processSampler = new ProcessSampler(Math.min(options.warmup(), 1), options.processIterations(),
                options.processBudget(), this::progress);
    }

    public BenchOptions options() {
        return options;
    }

    /** A fresh directory for one benchmark's data (created). */
    public Path workDir(String benchmarkId) throws IOException {
        return Files.createDirectories(workRoot.resolve(benchmarkId));
    }

    /** Measures in-process scenarios. */
    public Sampler sampler() {
        return sampler;
    }

    /** Measures external processes (at most one warm-up run: process start-up is part of what they measure). */
    public ProcessSampler processSampler() {
        return processSampler;
    }

    /** One line of progress on the console. */
    public void progress(String line) {
        console.println(line);
    }

    /**
     * An engine log that prints warnings only (info would drown the progress lines); with the environment variable
     * {@code BENCH_ENGINE_INFO=1} it prints info lines too, each with the time since the harness started (to see where
     * a scenario's time goes).
     */
    public EngineLog log() {
        boolean info = "1".equals(System.getenv("BENCH_ENGINE_INFO"));
        long start = System.nanoTime();
        return new EngineLog() {
            @Override
            public void info(String message) {
                if (info) {
                    console.printf("  [engine %,d ms] %s%n", (System.nanoTime() - start) / 1_000_000, message);
                }
            }

            @Override
            public void warn(String message) {
                console.println("  [engine] " + message);
            }
        };
    }

    /**
     * A process running {@code task} in a fresh JVM with default options and the harness's class path.
     *
     * @param name what is measured
     * @param stdout where the child's summary line goes
     */
    public ProcessSpec freshJvm(String name, String task, List<String> args, Path stdout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(BenchMain.class.getName());
        command.add(BenchMain.CHILD_OPTION);
        command.add(task);
        command.addAll(args);
        return new ProcessSpec(name, command, stdout.getParent(), Map.of(), stdout, null, null);
    }

    /** This JVM's class path with absolute entries (children run in another directory). */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
