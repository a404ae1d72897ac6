package io.jenkins.plugins.gitops.engine.render;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How rendering runs on this machine. Immutable; start from {@link #defaults()} and change fields with the
 * {@code with...} methods.
 *
 * @param kustomizeBinary path of a {@code kustomize} binary; {@code null} means look for {@code kustomize} on the
 *     PATH and fall back to {@code kubectl kustomize}. A configured path that does not exist is an error.
 * @param kubectlBinary path of {@code kubectl}; {@code null} means look it up on the PATH
 * @param toolTimeout how long an external tool may run before it is killed (default 90 seconds)
 * @param maxToolOutputBytes largest output an external tool may produce (default 64 MiB)
 * @param maxRenderedBytes largest total size of one application's rendered manifests (default 50 MiB)
 * @param tempDir where private working copies are created; {@code null} means {@code java.io.tmpdir}
 * @param strictHelmCapabilities when true (default), {@code helm.kubeVersion} and {@code helm.apiVersions} are an
 *     error, because the embedded Helm cannot pass them to templates; when false they are ignored with a warning
 * @param kustomizeTool a configured kustomize (a Jenkins tool installation), tried after {@code kustomizeBinary} and
 *     before the PATH; {@code null} for none (see {@link KustomizeLocator})
 * @param kustomizeHint how to make Kustomize available where this engine runs, ending the error when none is found
 * @param helmNatives where helm-java's native library comes from when it is not on the class path; {@code null}
 *     means the class path only (see {@link HelmNativeLibrary})
 * @param jsonnetRuntime where the Jsonnet runtime (sjsonnet) comes from when it is not on the class path; {@code null}
 *     means the class path only (see {@link JsonnetRuntime})
 */
public record RenderSettings(
        Path kustomizeBinary,
        Path kubectlBinary,
        Duration toolTimeout,
        long maxToolOutputBytes,
        long maxRenderedBytes,
        Path tempDir,
        boolean strictHelmCapabilities,
        KustomizeLocator.ConfiguredKustomize kustomizeTool,
        String kustomizeHint,
        HelmNativeLibrary.Source helmNatives,
        JsonnetRuntime.Source jsonnetRuntime) {

    public static final String DEFAULT_KUSTOMIZE_HINT = "install kustomize or kubectl on the PATH";

    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(90);
    public static final long DEFAULT_MAX_TOOL_OUTPUT = 64L * 1024 * 1024;
    public static final long DEFAULT_MAX_RENDERED = 50L * 1024 * 1024;

    public RenderSettings {
        Objects.requireNonNull(toolTimeout, "toolTimeout");
        if (toolTimeout.isNegative() || toolTimeout.isZero()) {
            throw new IllegalArgumentException("toolTimeout must be positive");
        }
        if (maxToolOutputBytes <= 0 || maxRenderedBytes <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        kustomizeHint = kustomizeHint == null || kustomizeHint.isBlank() ? DEFAULT_KUSTOMIZE_HINT : kustomizeHint;
    }

    public static RenderSettings defaults() {
        return new RenderSettings(null, null, DEFAULT_TOOL_TIMEOUT, DEFAULT_MAX_TOOL_OUTPUT, DEFAULT_MAX_RENDERED,
                null, true, null, null, null, null);
    }

    public RenderSettings withKustomizeBinary(Path path) {
        return new RenderSettings(path, kubectlBinary, toolTimeout, maxToolOutputBytes, maxRenderedBytes, tempDir,
                strictHelmCapabilities, kustomizeTool, kustomizeHint, helmNatives, jsonnetRuntime);
    }

    public RenderSettings withKubectlBinary(Path path) {
        return new RenderSettings(kustomizeBinary, path, toolTimeout, maxToolOutputBytes, maxRenderedBytes, tempDir,
                strictHelmCapabilities, kustomizeTool, kustomizeHint, helmNatives, jsonnetRuntime);
    }

    public RenderSettings withToolTimeout(Duration timeout) {
        return new RenderSettings(kustomizeBinary, kubectlBinary, timeout, maxToolOutputBytes, maxRenderedBytes,
                tempDir, strictHelmCapabilities, kustomizeTool, kustomizeHint, helmNatives, jsonnetRuntime);
    }

    public RenderSettings withMaxToolOutputBytes(long bytes) {
        return new RenderSettings(kustomizeBinary, kubectlBinary, toolTimeout, bytes, maxRenderedBytes, tempDir,
                strictHelmCapabilities, kustomizeTool, kustomizeHint, helmNatives, jsonnetRuntime);
    }

    public RenderSettings withMaxRenderedBytes(long bytes) {
        return new RenderSettings(kustomizeBinary, kubectlBinary, toolTimeout, maxToolOutputBytes, bytes, tempDir,
                strictHelmCapabilities, kustomizeTool, kustomizeHint, helmNatives, jsonnetRuntime);
    }

    public RenderSettings withTempDir(Path dir) {
        return new RenderSettings(kustomizeBinary, kubectlBinary, toolTimeout, maxToolOutputBytes, maxRenderedBytes,
                dir, strictHelmCapabilities, kustomizeTool, kustomizeHint, helmNatives, jsonnetRuntime);
    }

    public RenderSettings withStrictHelmCapabilities(boolean strict) {
        return new RenderSettings(kustomizeBinary, kubectlBinary, toolTimeout, maxToolOutputBytes, maxRenderedBytes,
                tempDir, strict, kustomizeTool, kustomizeHint, helmNatives, jsonnetRuntime);
    }

    public RenderSettings withKustomizeTool(KustomizeLocator.ConfiguredKustomize tool) {
        return new RenderSettings(kustomizeBinary, kubectlBinary, toolTimeout, maxToolOutputBytes, maxRenderedBytes,
                tempDir, strictHelmCapabilities, tool, kustomizeHint, helmNatives, jsonnetRuntime);
    }

    /** How to make Kustomize available, e.g. the CLI's {@code --kustomize} option or the Jenkins tool page. */
    public RenderSettings withKustomizeHint(String hint) {
        return new RenderSettings(kustomizeBinary, kubectlBinary, toolTimeout, maxToolOutputBytes, maxRenderedBytes,
                tempDir, strictHelmCapabilities, kustomizeTool, hint, helmNatives, jsonnetRuntime);
    }

    public RenderSettings withHelmNatives(HelmNativeLibrary.Source source) {
        return new RenderSettings(kustomizeBinary, kubectlBinary, toolTimeout, maxToolOutputBytes, maxRenderedBytes,
                tempDir, strictHelmCapabilities, kustomizeTool, kustomizeHint, source, jsonnetRuntime);
    }

    /** The directory for private working copies. */
    Path effectiveTempDir() {
        return tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The settings that change rendered output, for the render cache key (timeouts and limits do not). */
    String outputAffecting() {
        return "kustomize=" + kustomizeBinary + ";tool=" + (kustomizeTool == null ? null : kustomizeTool.describe())
                + ";kubectl=" + kubectlBinary + ";strictHelm=" + strictHelmCapabilities;
    }

    public RenderSettings withJsonnetRuntime(JsonnetRuntime.Source source) {
        return new RenderSettings(kustomizeBinary, kubectlBinary, toolTimeout, maxToolOutputBytes, maxRenderedBytes,
                tempDir, strictHelmCapabilities, kustomizeTool, kustomizeHint, helmNatives, source);
    }
}
