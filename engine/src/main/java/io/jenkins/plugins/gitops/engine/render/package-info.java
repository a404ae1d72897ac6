/**
 * Rendering: turning an application source in a Git tree into the Kubernetes objects it declares, the way Argo CD's
 * repo-server does.
 *
 * <p>The input is a {@link io.jenkins.plugins.gitops.engine.render.RenderRequest}: a read-only directory holding the
 * repository at a commit (the source package checks it out; this package never touches Git), the application, the
 * source to render and the commit SHA. {@link io.jenkins.plugins.gitops.engine.render.ManifestGenerator} is the
 * facade. It first proves the application path stays inside the repository, lexically and after resolving symlinks
 * ({@link io.jenkins.plugins.gitops.engine.render.AppDirectory}). Then {@link
 * io.jenkins.plugins.gitops.engine.render.ToolDetector} picks the tool from a table: an explicit tool section wins,
 * else a kustomization file means Kustomize, a {@code Chart.yaml} Helm, and anything else a directory of plain
 * manifests. One {@link io.jenkins.plugins.gitops.engine.render.ManifestRenderer} per tool does the work:
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.gitops.engine.render.DirectoryRenderer} reads YAML and JSON files, with Argo CD's
 *       {@code recurse}, {@code include} and {@code exclude} glob semantics, and evaluates {@code .jsonnet} files
 *       with sjsonnet through {@link io.jenkins.plugins.gitops.engine.render.JsonnetVm} (the runtime from the class
 *       path or fetched by {@link io.jenkins.plugins.gitops.engine.render.JsonnetRuntime} into a class loader of its
 *       own; only the {@code render.sjsonnet} package touches sjsonnet's types);</li>
 *   <li>{@link io.jenkins.plugins.gitops.engine.render.KustomizeRenderer} runs {@code kustomize build} or
 *       {@code kubectl kustomize}, as {@link io.jenkins.plugins.gitops.engine.render.KustomizeLocator} finds it
 *       (explicit path, configured tool, PATH), through
 *       {@link io.jenkins.plugins.gitops.engine.render.ToolRunner} (timeout, output cap, stderr in the error);
 *       Application overrides are written into a kustomization in a private mirror of
 *       the repository, never into the shared tree;</li>
 *   <li>{@link io.jenkins.plugins.gitops.engine.render.HelmRenderer} runs {@code helm template} in-process with
 *       helm-java (its native library from the class path or fetched by
 *       {@link io.jenkins.plugins.gitops.engine.render.HelmNativeLibrary}), layering values with Argo CD's
 *       precedence (parameters over valuesObject/values over valueFiles over the chart's values.yaml) and adding the CRDs and hooks helm-java leaves out;</li>
 *   <li>config management plugins are refused with a clear error.</li>
 * </ul>
 *
 * <p>Tools see Argo CD's build environment ({@link io.jenkins.plugins.gitops.engine.render.BuildEnvironment}):
 * {@code ARGOCD_APP_NAME}, {@code ARGOCD_APP_NAMESPACE}, {@code ARGOCD_APP_REVISION},
 * {@code ARGOCD_APP_SOURCE_REPO_URL}, {@code ARGOCD_APP_SOURCE_PATH} and
 * {@code ARGOCD_APP_SOURCE_TARGET_REVISION}. External processes get them as environment variables; helm-java runs
 * inside the JVM, where they are only expanded in parameters and file paths (as Argo CD expands them).
 *
 * <p>Every tool's output then goes through {@link io.jenkins.plugins.gitops.engine.render.ManifestPostProcessor}:
 * lists are flattened, the destination namespace is set on namespaced objects that have none (cluster-scoped kinds
 * come from {@link io.jenkins.plugins.gitops.engine.render.BuiltInResourceScopes}, CRDs rendered alongside, and a
 * {@link io.jenkins.plugins.gitops.engine.render.ResourceScope} hook that API discovery can implement later), two
 * objects with the same identity are an error naming both files, and the total size is capped. The result, {@link
 * io.jenkins.plugins.gitops.engine.render.RenderedManifests}, is immutable; each object carries the repository-relative
 * file it came from. {@link io.jenkins.plugins.gitops.engine.render.RenderCache} keeps results per (repository,
 * commit, path, parameters), bounded by entries and bytes.
 *
 * <p>Every failure is a {@link io.jenkins.plugins.gitops.engine.render.RenderException} whose message names the
 * application and the file (with line or document), field or tool at fault.
 */
package io.jenkins.plugins.gitops.engine.render;
