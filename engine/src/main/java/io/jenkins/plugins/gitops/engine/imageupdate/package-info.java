/**
 * The image updater: Argo CD Image Updater's behaviour on the engine. An Application lists the images it tracks in
 * {@code argocd-image-updater.argoproj.io/image-list} with per-alias settings ({@link
 * io.jenkins.plugins.gitops.engine.imageupdate.ImageUpdateAnnotations}); each cycle the {@link
 * io.jenkins.plugins.gitops.engine.imageupdate.RegistryClient} asks the registry (Docker Registry HTTP API v2 / OCI
 * distribution) for tags, manifests and build dates; the {@link io.jenkins.plugins.gitops.engine.imageupdate.TagSelector}
 * picks the newest allowed version per {@link io.jenkins.plugins.gitops.engine.imageupdate.UpdateStrategy} (never a
 * downgrade); and write-back records the change: in Git ({@link io.jenkins.plugins.gitops.engine.imageupdate.GitWriteBack}
 * editing {@code .argocd-source-<app>.yaml}, the kustomization or a Helm values file, see {@link
 * io.jenkins.plugins.gitops.engine.imageupdate.FileEdits}) or in the application's own overrides ({@link
 * io.jenkins.plugins.gitops.engine.imageupdate.ImageOverrides}). The renderer honours {@code .argocd-source*.yaml}
 * ({@code render.SourceOverrideFiles}), so a commit flows on to the cluster like any other Git change.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.imageupdate.ImageUpdater} runs one cycle; an application's update is all
 * or nothing, and its failure is one line on its {@link io.jenkins.plugins.gitops.engine.imageupdate.AppUpdateResult}.
 */
package io.jenkins.plugins.gitops.engine.imageupdate;
