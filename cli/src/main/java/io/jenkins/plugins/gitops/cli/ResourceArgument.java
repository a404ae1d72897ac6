package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;

/**
 * {@code --resource GROUP:KIND:NAME} or {@code GROUP:KIND:NAMESPACE/NAME} as {@code argocd app sync --resource}
 * takes it (empty group for the core API group: {@code :Service:web}). Without a namespace the key matches the
 * resource in every namespace, as in Argo CD (the engine resolves it).
 */
final class ResourceArgument {

    private ResourceArgument() {}

    static ResourceKey parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("--resource must be GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME, not '"
                    + text + "'");
        }
        String name = parts[2];
        String ns = "";
        int slash = name.indexOf('/');
        if (slash >= 0) {
            ns = name.substring(0, slash);
            name = name.substring(slash + 1);
        }
        return new ResourceKey(parts[0], parts[1], ns, name);
    }
}
