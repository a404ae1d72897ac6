package io.jenkins.plugins.gitops.engine.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs {@code kustomize build} ({@code kustomize build} or {@code kubectl kustomize}), as
 * {@link KustomizeLocator} found it.
 */
final class KustomizeCommand {

    private final List<String> prefix;

    KustomizeCommand(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /** The full command line building {@code dir}. */
    List<String> build(Path dir) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(dir.toString());
        return cmd;
    }

    /** How messages name the tool ({@code kustomize build} or {@code kubectl kustomize}). */
    String displayName() {
        return Path.of(prefix.get(0)).getFileName() + " " + prefix.get(1);
    }
}
