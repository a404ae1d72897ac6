package io.jenkins.plugins.gitops.engine.render;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the command that runs {@code kustomize build}, trying {@link #CANDIDATES} in order: an explicit path (the
 * CLI's {@code --kustomize}), the configured tool (a Jenkins Kustomize installation, installed on first use),
 * {@code kustomize} on the PATH, then {@code kubectl kustomize} (an explicit kubectl or one on the PATH). An explicit
 * path or configured tool that does not work is an error, never a silent fallback. When nothing is available the
 * error is one line naming the application and saying how to configure Kustomize where this engine runs
 * ({@link RenderSettings#kustomizeHint()}).
 */
public final class KustomizeLocator {

    /** A kustomize an administrator configured, e.g. a Jenkins tool installation; may install it on first use. */
    public interface ConfiguredKustomize {
        /** How messages name it, e.g. {@code Kustomize installation 'kustomize-5'}. */
        String describe();

        /**
         * The kustomize binary, installing it first if needed.
         *
         * @throws RuntimeException with a one-line message when it cannot be installed or found
         */
        Path binary();
    }

    /** What the locator looks at: the settings, the PATH, and whether executables end in {@code .exe}. */
    record Machine(RenderSettings settings, String path, boolean windows) {}

    /** One way of getting kustomize; empty when it does not apply here. */
    record Candidate(String name, Function<Machine, Optional<List<String>>> command) {}

    static final List<Candidate> CANDIDATES = List.of(
            new Candidate("explicit kustomize path", m -> Optional.ofNullable(m.settings().kustomizeBinary())
                    .map(p -> List.of(executable(p, "kustomize"), "build"))),
            new Candidate("configured Kustomize tool", m -> Optional.ofNullable(m.settings().kustomizeTool())
                    .map(t -> List.of(configured(t), "build"))),
            new Candidate("kustomize on the PATH", m -> Optional.ofNullable(onPath(m, "kustomize"))
                    .map(p -> List.of(p.toString(), "build"))),
            new Candidate("kubectl kustomize", m -> Optional.ofNullable(m.settings().kubectlBinary() != null
                    ? Path.of(executable(m.settings().kubectlBinary(), "kubectl")) : onPath(m, "kubectl"))
                    .map(p -> List.of(p.toString(), "kustomize"))));

    private KustomizeLocator() {}

    /** The command for this JVM's PATH. */
    static KustomizeCommand resolve(RenderSettings settings, String application) {
        return resolve(new Machine(settings, System.getenv("PATH"), File.separatorChar == '\\'), application);
    }

    static KustomizeCommand resolve(Machine machine, String application) {
        for (Candidate c : CANDIDATES) {
            Optional<List<String>> command = c.command().apply(machine);
            if (command.isPresent()) {
                return new KustomizeCommand(command.get());
            }
        }
        throw new RenderException("application '" + application + "' needs Kustomize, but none is available: no "
                + "kustomize is configured and neither 'kustomize' nor 'kubectl' is on the PATH; "
                + machine.settings().kustomizeHint());
    }

    private static String configured(ConfiguredKustomize tool) {
        Path binary;
        try {
            binary = tool.binary();
        } catch (RuntimeException e) {
            throw new RenderException(tool.describe() + ": " + e.getMessage(), e);
        }
        if (binary == null || !Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new RenderException(tool.describe() + ": '" + binary + "' does not exist or is not executable");
        }
        return binary.toString();
    }

    private static String executable(Path configured, String what) {
        if (!Files.isRegularFile(configured) || !Files.isExecutable(configured)) {
            throw new RenderException("configured " + what + " binary '" + configured
                    + "' does not exist or is not executable");
        }
        return configured.toString();
    }

    /** The first executable {@code name} (or {@code name.exe} on Windows) in the PATH's directories, or null. */
    static Path onPath(Machine machine, String name) {
        if (machine.path() == null) {
            return null;
        }
        String file = machine.windows() ? name + ".exe" : name;
        for (String dir : machine.path().split(machine.windows() ? ";" : ":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, file);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
