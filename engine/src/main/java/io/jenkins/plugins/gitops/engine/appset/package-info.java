/**
 * ApplicationSets: generators, templating and the lifecycle of the Applications a set owns.
 *
 * <p>An {@code ApplicationSet} is a template plus generators that produce parameter sets.
 * {@link io.jenkins.plugins.gitops.engine.appset.ApplicationSetGenerator} runs each generator element (list, git
 * directories and files, clusters, and the combinators matrix and merge, each optionally filtered by a
 * {@code selector}), renders the template once per parameter set and parses every result through
 * {@link io.jenkins.plugins.gitops.engine.model.ArgoDocuments}, so a generated Application is validated exactly like
 * a hand-written one. Errors name the set, the generator element ({@code spec.generators[1].matrix.generators[0]})
 * and the parameter set that produced the bad value.
 *
 * <p>Templating follows Argo CD. By default a string's {@code {{ param }}} tags are replaced by flat string parameters
 * and unknown tags stay as written (fasttemplate). With {@code goTemplate: true} strings are Go templates over nested
 * parameters (a Go text/template subset with Sprig-style functions, {@link
 * io.jenkins.plugins.gitops.engine.appset.TemplateOptions}); {@code missingkey=error} makes a missing key an error
 * that names it. A generator element's own {@code template} is merged over the set's template.
 *
 * <p>The git generator reads repositories through {@link io.jenkins.plugins.gitops.engine.appset.RepositoryFiles},
 * a three-method view of a tree at a revision that the Git layer implements; the clusters generator reads the
 * configured {@link io.jenkins.plugins.gitops.engine.appset.Cluster}s.
 *
 * <p>Ownership and lifecycle are pure decisions: {@link io.jenkins.plugins.gitops.engine.appset.Generated} records
 * which set generated which Application, and {@link io.jenkins.plugins.gitops.engine.appset.ApplicationSetReconciler}
 * turns "owned before" and "generated now" into create, update and delete actions allowed by the set's
 * {@link io.jenkins.plugins.gitops.engine.appset.ApplicationsSyncPolicy}, recording what the policy held back.
 */
package io.jenkins.plugins.gitops.engine.appset;
