package io.jenkins.plugins.gitops.engine.imageupdate;

/**
 * The outcome of choosing a tag for one tracked image. Invariant: {@code update} is true only when {@code newest}
 * differs from {@code current} and is not a downgrade under the image's strategy.
 *
 * @param newest the newest allowed version ({@code tag}, or {@code tag@digest} for the digest strategy); empty when
 *     no tag qualifies
 * @param update whether the image should move to {@code newest}
 * @param reason one line for the page when nothing changes (up to date, no candidate, not downgrading)
 */
public record TagSelection(String current, String newest, boolean update, String reason) {}
