package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The last log lines of the hooks that failed in a sync, for the build page: which results are failed hooks
 * (a hook type, and hook phase Failed or Error, or result SyncFailed) and their tails keyed by
 * {@link #key(String, String, String)}. Reading a tail is the caller's ({@code ResourceInspector#hookLogTail}).
 */
public final class HookLogTails {

    /** Lines kept per failed hook. */
    public static final int LINES = 20;

    private static final Set<String> FAILED = Set.of("Failed", "Error");

    private HookLogTails() {}

    public static boolean failedHook(ResourceResult r) {
        return r.hookType() != null && !r.hookType().isEmpty()
                && (FAILED.contains(r.hookPhase()) || "SyncFailed".equals(r.status()));
    }

    public static String key(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    /** The tails of the failed hooks among {@code results}, read with {@code tail}; empty tails are left out. */
    public static Map<String, String> collect(List<ResourceResult> results, Function<ResourceKey, String> tail) {
        Map<String, String> out = new LinkedHashMap<>();
        if (results == null) {
            return out;
        }
        for (ResourceResult r : results) {
            if (failedHook(r)) {
                String text = tail.apply(new ResourceKey(r.group(), r.kind(), r.namespace(), r.name()));
                if (text != null && !text.isBlank()) {
                    out.put(key(r.kind(), r.namespace(), r.name()), text.strip());
                }
            }
        }
        return out;
    }
}
