/**
 * App of apps: {@code Application} and {@code ApplicationSet} documents that an application renders are not applied
 * to the cluster (it has no Application CRD); they become child applications of the controller, as Argo CD's
 * application controller turns such objects into applications.
 *
 * <p>{@link ChildDocuments} separates them from the resources; {@link ChildExpansion} turns them into
 * {@link ChildApplication}s (an ApplicationSet into the Applications it generates) and walks the whole tree below a
 * parent so that a cycle of applications naming each other is one error before anything is applied;
 * {@link ChildRecord} remembers which children a parent's last sync created, and {@link ChildPlan} says what a
 * parent's sync does to them: create or update those in Git, and for those that left Git, delete them only when the
 * sync prunes - with their resources when the child carries Argo CD's {@code resources-finalizer.argocd.argoproj.io}
 * finalizer, leaving them in the cluster otherwise - or keep them, marked as requiring pruning.
 */
package io.jenkins.plugins.gitops.engine.appofapps;
