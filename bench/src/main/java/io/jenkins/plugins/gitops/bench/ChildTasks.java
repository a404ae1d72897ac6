package io.jenkins.plugins.gitops.bench;

import io.jenkins.plugins.gitops.bench.compare.CompareOnce;
import io.jenkins.plugins.gitops.bench.render.RenderOnce;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The registry of {@link ChildTask}s by name. Add a line here for new fresh-JVM work. */
public final class ChildTasks {

    private static final Map<String, ChildTask> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put(RenderOnce.NAME, RenderOnce::main);
        REGISTRY.put(CompareOnce.NAME, CompareOnce::main);
    }

    private ChildTasks() {}

    public static Optional<ChildTask> find(String name) {
        return Optional.ofNullable(REGISTRY.get(name));
    }

    public static java.util.Set<String> names() {
        return REGISTRY.keySet();
    }
}
