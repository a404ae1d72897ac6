package io.jenkins.plugins.gitops.engine.render;

import java.nio.file.Path;

/**
 * Where the host gets the rendering tools from, as a {@link io.jenkins.plugins.gitops.engine.GitOpsEngine} is built
 * with them: an explicit kustomize path (the CLI's {@code --kustomize}), a configured kustomize (a Jenkins tool
 * installation), the hint that ends the "no Kustomize" error, and where helm-java's native library and the Jsonnet
 * runtime are fetched from. Every field may be null (see {@link RenderSettings}).
 */
public record RenderTools(Path kustomizeBinary, KustomizeLocator.ConfiguredKustomize kustomizeTool,
        String kustomizeHint, HelmNativeLibrary.Source helmNatives, JsonnetRuntime.Source jsonnetRuntime) {

    public static final RenderTools NONE = new RenderTools(null, null, null, null, null);

    /** Without a source for the Jsonnet runtime (the class path only). */
    public RenderTools(Path kustomizeBinary, KustomizeLocator.ConfiguredKustomize kustomizeTool, String kustomizeHint,
            HelmNativeLibrary.Source helmNatives) {
        this(kustomizeBinary, kustomizeTool, kustomizeHint, helmNatives, null);
    }

    /** {@code settings} with these tools. */
    public RenderSettings applyTo(RenderSettings settings) {
        return settings.withKustomizeBinary(kustomizeBinary).withKustomizeTool(kustomizeTool)
                .withKustomizeHint(kustomizeHint).withHelmNatives(helmNatives)
                .withJsonnetRuntime(jsonnetRuntime);
    }
}
