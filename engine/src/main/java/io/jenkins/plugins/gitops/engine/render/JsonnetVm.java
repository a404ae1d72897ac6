package io.jenkins.plugins.gitops.engine.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Jsonnet evaluation, as the engine asks the Jsonnet runtime for it. The runtime (sjsonnet and Scala) is either
 * on the engine's class path or fetched on first use into its own class loader ({@link JsonnetRuntime}); this
 * interface and its records are all the two sides share, so nothing of the engine depends on sjsonnet's types.
 */
public interface JsonnetVm {

    /**
     * @param repoRoot the repository root, the interpreter's working directory (error positions are relative to it)
     * @param realRepoRoot {@code repoRoot} with symlinks resolved; no file outside it is read
     * @param jpaths Argo CD's JPaths in its order: the application directory, then each library path
     * @param file the {@code .jsonnet} file
     * @param text its content
     * @param extVars external variables as Jsonnet code
     * @param tlas top-level arguments as Jsonnet code
     * @param warnings receives each warning the interpreter prints
     */
    record Request(Path repoRoot, Path realRepoRoot, List<Path> jpaths, Path file, String text,
            Map<String, String> extVars, Map<String, String> tlas, Consumer<String> warnings) {}

    /**
     * @param json the output as JSON text, or null when evaluation failed
     * @param error the interpreter's (multi-line) error, or null
     * @param importEscape the first import refused for leaving the repository, or null
     */
    record Result(String json, String error, String importEscape) {}

    /** Evaluates the request; errors in the Jsonnet code are a {@link Result}, not an exception. */
    Result evaluate(Request request);
}
