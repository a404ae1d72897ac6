/**
 * The Argo CD documents users bring, parsed into immutable values.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.model.ArgoDocuments} reads {@code Application}, {@code AppProject}
 * and {@code ApplicationSet} YAML ({@code argoproj.io/v1alpha1}) unchanged from Argo CD. Parsing never stops at the
 * first problem: a {@link io.jenkins.plugins.gitops.engine.model.FieldReader} walks the tree remembering the field
 * path, so a {@link io.jenkins.plugins.gitops.engine.model.ValidationException} lists every bad field by path
 * ({@code spec.source.path: must not leave the repository}) together with the file it came from.
 *
 * <p>Kubernetes objects themselves are {@link io.jenkins.plugins.gitops.engine.model.KubeObject}s: an immutable
 * Jackson tree plus the file it was rendered from, identified by a
 * {@link io.jenkins.plugins.gitops.engine.model.ResourceKey} (group, kind, namespace, name) as Argo CD identifies
 * resources. The version is not part of the identity, just as in Argo CD.
 */
package io.jenkins.plugins.gitops.engine.model;
