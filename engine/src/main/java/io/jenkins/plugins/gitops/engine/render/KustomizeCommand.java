package io.jenkins.plugins.gitops.engine.render;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs {@code kustomize build}: a configured {@code kustomize} binary; else {@code kustomize} found
 * on the PATH; else {@code kubectl kustomize} (configured or on the PATH). Neither available is a clear error. A
 * configured path that is not an executable file is an error too (no silent fallback).
 */
final class KustomizeCommand {

    private final List<String> prefix;

    private KustomizeCommand(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    static KustomizeCommand resolve(RenderSettings settings) {
        if (settings.kustomizeBinary() != null) {
            return new KustomizeCommand(List.of(executable(settings.kustomizeBinary(), "kustomize"), "build"));
        }
        Path onPath = findOnPath("kustomize");
        if (onPath != null) {
            return new KustomizeCommand(List.of(onPath.toString(), "build"));
        }
        Path kubectl = settings.kubectlBinary() != null
                ? Path.of(executable(settings.kubectlBinary(), "kubectl"))
                : findOnPath("kubectl");
        if (kubectl == null) {
            throw new RenderException("Kustomize is not available: neither 'kustomize' nor 'kubectl' was found on the "
                    + "PATH; install one or configure the path of the kustomize binary");
        }
        return new KustomizeCommand(List.of(kubectl.toString(), "kustomize"));
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

    private static String executable(Path configured, String what) {
        if (!Files.isRegularFile(configured) || !Files.isExecutable(configured)) {
            throw new RenderException("configured " + what + " binary '" + configured
                    + "' does not exist or is not executable");
        }
        return configured.toString();
    }

    static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
