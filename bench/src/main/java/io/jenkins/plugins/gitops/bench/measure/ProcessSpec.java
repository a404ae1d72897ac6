package io.jenkins.plugins.gitops.bench.measure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * An external command to measure.
 *
 * @param name what is measured, for progress output and errors
 * @param command program and arguments
 * @param directory working directory
 * @param environment variables added to this process's environment
 * @param stdout file receiving standard output (overwritten by every run), so output size does not cost memory here
 * @param success which exit codes count as a successful run ({@code kubectl diff} exits 1 when it found a difference)
 * @param before untimed preparation of every run (for example deleting the cache a cold run must not find)
 */
public record ProcessSpec(String name, List<String> command, Path directory, Map<String, String> environment, Path stdout,
        IntPredicate success, Scenario.Step before) {

    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        Objects.requireNonNull(directory, "directory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stdout, "stdout");
        success = success == null ? code -> code == 0 : success;
        before = before == null ? () -> { } : before;
    }

    /** Same command with other accepted exit codes. */
    public ProcessSpec withSuccess(IntPredicate codes) {
        return new ProcessSpec(name, command, directory, environment, stdout, codes, before);
    }

    /** Same command with an untimed preparation before every run. */
    public ProcessSpec withBefore(Scenario.Step step) {
        return new ProcessSpec(name, command, directory, environment, stdout, success, step);
    }
}
