package io.jenkins.plugins.gitops.pipeline;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses selective-sync entries in Argo CD's CLI form ({@code argocd app sync --resource}):
 * {@code GROUP:KIND:NAME} or {@code GROUP:KIND:NAMESPACE/NAME}, with an empty group for the core API
 * ({@code :Service:web}, {@code apps:Deployment:prod/web}).
 */
public final class ResourceSelectors {

    private ResourceSelectors() {}

    /**
     * @throws IllegalArgumentException naming the entry at fault and the expected form
     */
    public static List<ResourceKey> parse(List<String> entries) {
        List<ResourceKey> keys = new ArrayList<>();
        if (entries == null) {
            return keys;
        }
        for (String entry : entries) {
            keys.add(parse(entry));
        }
        return keys;
    }

    public static ResourceKey parse(String entry) {
        String e = entry == null ? "" : entry.trim();
        String[] parts = e.split(":", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("resources entry '" + e + "' must be GROUP:KIND:NAME or "
                    + "GROUP:KIND:NAMESPACE/NAME (empty group for core kinds, e.g. ':Service:web')");
        }
        String group = parts[0];
        String kind = parts[1];
        String rest = parts[2];
        int slash = rest.indexOf('/');
        String namespace = slash < 0 ? "" : rest.substring(0, slash);
        String name = slash < 0 ? rest : rest.substring(slash + 1);
        if (name.isEmpty() || name.contains("/") || (slash >= 0 && namespace.isEmpty())) {
            throw new IllegalArgumentException("resources entry '" + e + "' has an invalid NAMESPACE/NAME part '"
                    + rest + "'");
        }
        return new ResourceKey(group, kind, namespace, name);
    }
}
