package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.bench.compare.CompareBenchmark;
import io.jenkins.plugins.gitops.bench.controller.ControllerBenchmark;
import io.jenkins.plugins.gitops.bench.render.RenderBenchmark;
import io.jenkins.plugins.gitops.bench.sync.SyncBenchmark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The registry: every benchmark the harness knows, in report order. To add one (say {@code sync-500} or
 * {@code controller}), implement {@link Benchmark} and add a line to {@link #REGISTRY}.
 */
public final class Benchmarks {

    private static final Map<String, Supplier<Benchmark>> REGISTRY = new LinkedHashMap<>();

    static {
        register("render", RenderBenchmark::new);
        register("compare", CompareBenchmark::new);
        register("sync-500", SyncBenchmark::new);
        register("controller", ControllerBenchmark::new);
        register("image-update", io.jenkins.plugins.gitops.bench.imageupdate.ImageUpdateBenchmark::new);
        register("helmrepo", io.jenkins.plugins.gitops.bench.helmrepo.HelmRepoBenchmark::new);
        register("jsonnet", io.jenkins.plugins.gitops.bench.jsonnet.JsonnetBenchmark::new);
        register("pages", io.jenkins.plugins.gitops.bench.pages.PagesBenchmark::new);
        register("pages-jenkins", io.jenkins.plugins.gitops.bench.pages.JenkinsPagesBenchmark::new);
        register("ha", io.jenkins.plugins.gitops.bench.ha.HaBenchmark::new);
        register("controller-scale", io.jenkins.plugins.gitops.bench.controller.FleetScaleBenchmark::new);
    }

    private Benchmarks() {}

    private static void register(String id, Supplier<Benchmark> factory) {
        REGISTRY.put(id, factory);
    }

    /** Ids in report order. */
    public static Set<String> ids() {
        return REGISTRY.keySet();
    }

    /** All benchmarks, in report order. */
    public static List<Benchmark> all() {
        return REGISTRY.values().stream().map(Supplier::get).toList();
    }

    /**
     * The benchmarks with these ids, in report order; all when {@code ids} is empty.
     *
     * @throws IllegalArgumentException naming an unknown id and the known ones
     */
    public static List<Benchmark> select(List<String> ids) {
        if (ids.isEmpty()) {
            return all();
        }
        for (String id : ids) {
            if (!REGISTRY.containsKey(id)) {
                throw new IllegalArgumentException("unknown benchmark '" + id + "'; known: " + REGISTRY.keySet());
            }
        }
        List<Benchmark> out = new ArrayList<>();
        REGISTRY.forEach((id, factory) -> {
            if (ids.contains(id)) {
                out.add(factory.get());
            }
        });
        return out;
    }
}
