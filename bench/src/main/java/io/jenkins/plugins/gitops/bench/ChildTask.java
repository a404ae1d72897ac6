package io.jenkins.plugins.gitops.bench;

import java.util.List;

/**
 * Work run in a fresh JVM ({@code java -cp gitops-bench.jar ... --child NAME ARGS}), so a benchmark can measure what
 * a command-line invocation of our code costs, start-up and JIT warm-up included, as a process next to the reference
 * tool's process. Register implementations in {@link ChildTasks}. Prints a one-line summary of the result to stdout;
 * a wrong result is an exception (non-zero exit), which the parent reports.
 */
@FunctionalInterface
public interface ChildTask {

    void run(List<String> args) throws Exception;
}
