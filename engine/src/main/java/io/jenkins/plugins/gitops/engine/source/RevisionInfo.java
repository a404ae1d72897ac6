package io.jenkins.plugins.gitops.engine.source;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A resolved revision: the commit a {@code targetRevision} stands for now, with the metadata Argo CD shows for it
 * (its {@code RevisionMetadata}). Invariant: {@code sha} is a full lower-case 40-digit commit SHA.
 *
 * @param sha full commit SHA
 * @param ref full ref the revision was resolved through ({@code refs/heads/main}, {@code refs/tags/v1.2.0}); empty
 *     when the revision was given as a SHA
 * @param authorName commit author name
 * @param authorEmail commit author email
 * @param date author date
 * @param message full commit message
 * @param tags short names of the tags pointing at this commit, sorted
 */
public record RevisionInfo(String sha, String ref, String authorName, String authorEmail, Instant date, String message,
        List<String> tags) {

    public RevisionInfo {
        Objects.requireNonNull(sha, "sha");
        ref = ref == null ? "" : ref;
        message = message == null ? "" : message;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The first line of the message (the subject). */
    public String messageFirstLine() {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** The short name of {@link #ref()}: branch or tag name, or empty. */
    public String refShortName() {
        return ref.isEmpty() ? "" : RefTable.shortName(ref);
    }

    /** Same commit metadata, resolved through another ref. */
    RevisionInfo withRef(String otherRef) {
        return new RevisionInfo(sha, otherRef, authorName, authorEmail, date, message, tags);
    }
}
