package io.jenkins.plugins.gitops.bench.measure;

/** A benchmark could not run or produced a wrong result; the message names the scenario and what went wrong. */
public final class BenchmarkFailure extends RuntimeException {

    public BenchmarkFailure(String message) {
        super(message);
    }

    public BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
