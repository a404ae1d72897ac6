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
 *
 * <p>The pages' other models: {@link io.jenkins.plugins.gitops.engine.view.ResourceGraph} lays the tree out as boxes
 * and arrows (columns by depth, a row per visible leaf, parents centred on their children, collapsed subtrees
 * counted) and {@link io.jenkins.plugins.gitops.engine.view.ResourceGraphSvg} draws it as inline SVG whose every
 * user string goes through {@link io.jenkins.plugins.gitops.engine.view.Markup}; statuses are a glyph plus the word
 * ({@link io.jenkins.plugins.gitops.engine.view.StatusGlyphs}) and kinds a kubectl short name
 * ({@link io.jenkins.plugins.gitops.engine.view.KindLabels}). {@link io.jenkins.plugins.gitops.engine.view.AppListing}
 * is the dashboard's filter, sort and counts; {@link io.jenkins.plugins.gitops.engine.view.ResourceDetails} a
 * resource's masked manifests, diff slice, events and containers; {@link io.jenkins.plugins.gitops.engine.view.SyncForm}
 * the sync dialog; {@link io.jenkins.plugins.gitops.engine.view.HookLogTails} the failed hooks whose log tails the
 * build page shows.
 */
package io.jenkins.plugins.gitops.engine.view;
