package io.jenkins.plugins.gitops.bench.render;

import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.render.RenderedManifests;
import java.nio.file.Path;
import java.util.List;

/**
 * Child task: one cold render in a fresh JVM (what a command-line {@code render} pays, JVM start-up and JIT warm-up
 * included). Arguments: repository URL, application path, empty cache directory, expected object count.
 */
public final class RenderOnce {

    public static final String NAME = "render-cold";

    private RenderOnce() {}

    public static void main(List<String> args) {
        if (args.size() != 4) {
            throw new IllegalArgumentException(NAME + " expects URL PATH CACHE_DIR EXPECTED_OBJECTS, got " + args);
        }
        int expected = Integer.parseInt(args.get(3));
        var app = BenchApplications.directoryApp(RenderBenchmark.APP, args.get(0), args.get(1), RenderBenchmark.NAMESPACE);
        try (RenderPipeline pipeline = new RenderPipeline(Path.of(args.get(2)), app, EngineLog.NONE)) {
            RenderedManifests m = pipeline.fetchAndRender();
            if (m.size() != expected) {
                throw new BenchmarkFailure(NAME + ": rendered " + m.size() + " objects, expected " + expected);
            }
            System.out.println("rendered " + m.size() + " objects of " + m.revision());
        }
    }
}
