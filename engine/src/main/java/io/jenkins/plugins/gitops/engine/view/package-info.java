/**
 * View models that pages render: plain, immutable values with bean getters, built and tested here so that Jelly
 * (or the CLI) only iterates over them.
 *
 * <p>{@link io.jenkins.plugins.gitops.engine.view.ResourceTree} is the picture Argo CD draws of an application:
 * its managed resources as roots, each with sync status and health, and below each the objects the cluster made
 * for it, found only through {@code metadata.ownerReferences} - a Deployment owns ReplicaSets, which own Pods; a
 * Service owns its EndpointSlices. No link is guessed from labels or selectors, so a Service and the Deployment it
 * routes to stay side by side as roots. {@link io.jenkins.plugins.gitops.engine.view.ResourceTreeBuilder} builds
 * it from the managed resources and the live objects around them; {@code getRows()} flattens it with a depth per
 * row for a simple indented table.
 */
package io.jenkins.plugins.gitops.engine.view;
