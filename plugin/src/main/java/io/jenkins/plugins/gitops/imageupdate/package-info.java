/**
 * Jenkins glue for the engine's image updater: the periodic work, the {@code gitopsImageUpdate} step's conversion and
 * the application page's image section. All semantics are in the engine's {@code imageupdate} package.
 */
package io.jenkins.plugins.gitops.imageupdate;
