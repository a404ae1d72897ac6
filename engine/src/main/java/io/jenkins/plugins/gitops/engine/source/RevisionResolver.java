package io.jenkins.plugins.gitops.engine.source;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns an Application's {@code targetRevision} into a commit, in the order of Argo CD's {@code lsRemote}:
 *
 * <ol>
 *   <li>a full 40-digit SHA is taken as is (it must exist in the repository);
 *   <li>empty means {@code HEAD};
 *   <li>a semver constraint ({@link SemverConstraint}) picks the highest matching tag;
 *   <li>a ref whose full name or short name equals the revision ({@code main}, {@code v1.2.0}, {@code
 *       refs/heads/main}, {@code pull/1/head}); {@code HEAD} follows the remote's default branch;
 *   <li>7 or more hex digits are an abbreviated commit SHA;
 *   <li>anything else is an error naming the repository and the revision.
 * </ol>
 */
final class RevisionResolver {

    private static final Pattern FULL_SHA = Pattern.compile("^[0-9a-fA-F]{40}$");
    private static final Pattern ABBREVIATED_SHA = Pattern.compile("^[0-9a-fA-F]{7,40}$");

    /** Finds commits by (abbreviated) SHA in the local repository. */
    interface CommitLookup {
        /** The full SHA of the one commit starting with {@code hexPrefix}; empty if none; throws if ambiguous. */
        Optional<String> find(String hexPrefix);
    }

    /** Result: the commit and the full ref it came from (empty when the revision was a SHA). */
    record Resolution(String sha, String ref) {}

    private final RepoUrl url;
    private final RefTable refs;
    private final CommitLookup commits;

    RevisionResolver(RepoUrl url, RefTable refs, CommitLookup commits) {
        this.url = url;
        this.refs = refs;
        this.commits = commits;
    }

    /** True for a full 40-digit commit SHA. */
    static boolean isFullSha(String revision) {
        return revision != null && FULL_SHA.matcher(revision).matches();
    }

    Resolution resolve(String targetRevision) {
        String given = targetRevision == null ? "" : targetRevision.trim();
        if (isFullSha(given)) {
            return commits.find(given.toLowerCase(Locale.ROOT)).map(found -> new Resolution(found, ""))
                    .orElseThrow(() -> failure(given, "commit not found; it may have been removed by a force push"));
        }
        String revision = given.isEmpty() ? RefTable.HEAD : given;
        Optional<SemverConstraint> constraint = SemverConstraint.parse(revision);
        if (constraint.isPresent()) {
            Optional<String> tag = constraint.get().highest(refs.tagNames());
            if (tag.isPresent()) {
                String ref = RefTable.TAGS + tag.get();
                return new Resolution(refs.refs().get(ref), ref);
            }
        }
        Optional<Resolution> byName = byRefName(revision);
        if (byName.isPresent()) {
            return byName.get();
        }
        if (ABBREVIATED_SHA.matcher(revision).matches()) {
            Optional<String> sha = commits.find(revision.toLowerCase(Locale.ROOT));
            if (sha.isPresent()) {
                return new Resolution(sha.get(), "");
            }
        }
        throw failure(revision, constraint.isPresent()
                ? "no tag matches semver constraint '" + constraint.get() + "' (tags: " + refs.tagNames().size() + ")"
                : "no branch, tag or commit of that name");
    }

    private Optional<Resolution> byRefName(String revision) {
        if (revision.equals(RefTable.HEAD)) {
            String sha = refs.headSha();
            return sha == null ? Optional.empty() : Optional.of(new Resolution(sha, refs.headTarget()));
        }
        for (Map.Entry<String, String> ref : refs.refs().entrySet()) {
            if (ref.getKey().equals(revision) || RefTable.shortName(ref.getKey()).equals(revision)) {
                return Optional.of(new Resolution(ref.getValue(), ref.getKey()));
            }
        }
        return Optional.empty();
    }

    private GitSourceException failure(String revision, String why) {
        return new GitSourceException("cannot resolve revision '" + revision + "' in repository " + url.redacted() + ": " + why);
    }
}
