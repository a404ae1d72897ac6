package io.jenkins.plugins.gitops.engine.imageupdate;

/**
 * What the page shows for one tracked image after a check.
 *
 * @param alias the alias (or image name)
 * @param image the repository ({@code registry/name})
 * @param strategy the update strategy
 * @param current the version the application deploys now (empty when it does not use the image)
 * @param newest the newest version the settings allow (empty when none qualifies or the check failed)
 * @param message why nothing changed, or what changed
 */
public record ImageStatus(String alias, String image, String strategy, String current, String newest, String message) {}
