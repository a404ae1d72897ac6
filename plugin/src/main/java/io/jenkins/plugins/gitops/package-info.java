/**
 * The GitOps Sync plugin: thin Jenkins glue over the plain-Java GitOps engine.
 *
 * <p>{@link io.jenkins.plugins.gitops.GitOpsService} owns the one engine and controller of this Jenkins, built from
 * the global configuration and rebuilt when it is saved. Applications registered by pipeline steps are persisted
 * (their YAML and owning job) so the controller watches them again after a restart. Everything else is split by
 * the role it plays in Jenkins: {@code config} (global configuration and credentials), {@code pipeline} (steps),
 * {@code action} (what a build shows), {@code dashboard} (the GitOps page), {@code background} (the periodic
 * reconcile tick) and {@code webhook} (Git push notifications). All GitOps semantics live in the engine.
 */
package io.jenkins.plugins.gitops;
