package io.jenkins.plugins.gitops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line options of the harness.
 *
 * @param only benchmark ids to run; empty for all
 * @param warmup least number of unrecorded iterations before measuring (in-process and processes)
 * @param warmupTime least time spent in unrecorded in-process iterations before measuring
 * @param iterations measured iterations of in-process scenarios
 * @param processIterations measured runs of external processes (reference tools, fresh JVMs)
 * @param processBudget wall time after which no further run of one external command starts
 * @param kubeconfig a real cluster for the benchmarks that talk to Kubernetes; empty for the in-process mock
 * @param out the Markdown report to (re)write
 * @param workDir where benchmarks keep their data; empty for a temporary directory deleted at the end
 * @param parameters benchmark parameters, {@code --set render.manifests=5000}
 * @param arguments the arguments as given, for the "reproduce" line of the report
 */
public record BenchOptions(List<String> only, int warmup, Duration warmupTime, int iterations, int processIterations,
        Duration processBudget, Optional<Path> kubeconfig, Path out, Optional<Path> workDir,
        Map<String, String> parameters, List<String> arguments) {

    public static final String USAGE = """
            usage: bench/run.sh [options]
              --only ID[,ID]          run only these benchmarks (default: all)
              --warmup N              least warm-up iterations (default 2)
              --warmup-seconds S      least warm-up time of in-process scenarios (default 3)
              --iterations N          measured in-process iterations (default 5)
              --process-iterations N  measured runs of external processes (default 3)
              --process-budget SEC    start no further run of a command once its runs took this long (default 60)
              --kubeconfig FILE       run against this cluster instead of the in-process mock API server
              --set ID.NAME=VALUE     benchmark parameter, e.g. --set render.manifests=1000
              --out FILE              report to write (default docs/BENCHMARKS.md)
              --work DIR              keep data in DIR (default: a temporary directory, deleted afterwards)
              --help                  this text and the list of benchmarks
            """;

    public BenchOptions {
        only = List.copyOf(only);
        parameters = Map.copyOf(parameters);
        arguments = List.copyOf(arguments);
    }

    /**
     * Parses arguments.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    public static BenchOptions parse(List<String> args) {
        List<String> only = new ArrayList<>();
        int warmup = 2;
        int warmupSeconds = 3;
        int iterations = 5;
        int processIterations = 3;
        int processBudget = 60;
        Path kubeconfig = null;
        Path out = Path.of("docs", "BENCHMARKS.md");
        Path work = null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--only" -> only.addAll(List.of(value(args, ++i, arg).split(",")));
                case "--warmup" -> warmup = number(args, ++i, arg, 0);
                case "--warmup-seconds" -> warmupSeconds = number(args, ++i, arg, 0);
                case "--iterations" -> iterations = number(args, ++i, arg, 1);
                case "--process-iterations" -> processIterations = number(args, ++i, arg, 1);
                case "--process-budget" -> processBudget = number(args, ++i, arg, 1);
                case "--kubeconfig" -> {
                    kubeconfig = Path.of(value(args, ++i, arg)).toAbsolutePath();
                    if (!Files.isRegularFile(kubeconfig)) {
                        throw new IllegalArgumentException("--kubeconfig: no such file: " + kubeconfig);
                    }
                }
                case "--set" -> {
                    String kv = value(args, ++i, arg);
                    int eq = kv.indexOf('=');
                    if (eq <= 0 || kv.indexOf('.') <= 0 || kv.indexOf('.') > eq) {
                        throw new IllegalArgumentException("--set expects ID.NAME=VALUE, got '" + kv + "'");
                    }
                    params.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--work" -> work = Path.of(value(args, ++i, arg)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        return new BenchOptions(only, warmup, Duration.ofSeconds(warmupSeconds), iterations, processIterations,
                Duration.ofSeconds(processBudget), Optional.ofNullable(kubeconfig), out, Optional.ofNullable(work),
                params, args);
    }

    /**
     * An integer parameter {@code benchmarkId.name}, or {@code fallback} when not set.
     *
     * @throws IllegalArgumentException when the value is not a positive integer
     */
    public int intParameter(String benchmarkId, String name, int fallback) {
        String key = benchmarkId + "." + name;
        String v = parameters.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set " + key + ": expected a positive integer, got '" + v + "'");
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int number(List<String> args, int i, String option, int min) {
        String v = value(args, i, option);
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected an integer >= " + min + ", got '" + v + "'");
        }
    }
}
