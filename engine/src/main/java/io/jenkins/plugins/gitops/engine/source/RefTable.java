package io.jenkins.plugins.gitops.engine.source;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of a repository's refs as {@code git ls-remote} shows them: full ref names mapped to the commit they
 * point at (annotated tags already peeled), plus the branch {@code HEAD} points at. Names iterate in Argo CD's order
 * (sorted, so branches come before tags and a branch wins over a same-named tag).
 *
 * @param refs full ref name ({@code refs/heads/main}) to commit SHA
 * @param headTarget the full ref {@code HEAD} points at, or null when the remote did not say
 */
record RefTable(Map<String, String> refs, String headTarget) {

    static final String HEAD = "HEAD";
    static final String HEADS = "refs/heads/";
    static final String TAGS = "refs/tags/";

    /**
     * Prefixes stripped to get a ref's short name, in go-git's {@code RefRevParseRules} order: {@code
     * refs/heads/main} is {@code main}, {@code refs/tags/v1} is {@code v1}, {@code refs/pull/1/head} is {@code
     * pull/1/head}.
     */
    private static final List<String> SHORT_NAME_PREFIXES = List.of(HEADS, TAGS, "refs/remotes/", "refs/");

    RefTable {
        refs = Collections.unmodifiableMap(new TreeMap<>(refs));
    }

    /** The short name of a full ref name, as go-git's {@code ReferenceName.Short()} computes it. */
    static String shortName(String fullName) {
        for (String prefix : SHORT_NAME_PREFIXES) {
            if (fullName.startsWith(prefix)) {
                return fullName.substring(prefix.length());
            }
        }
        return fullName;
    }

    /** Commit SHA of HEAD, or null when HEAD is unknown or points at a missing branch. */
    String headSha() {
        return headTarget == null ? null : refs.get(headTarget);
    }

    /** Tag short names in ref order. */
    List<String> tagNames() {
        return refs.keySet().stream().filter(n -> n.startsWith(TAGS)).map(n -> n.substring(TAGS.length())).toList();
    }

    /** Short names of tags that point at {@code sha}, sorted. */
    List<String> tagsAt(String sha) {
        return refs.entrySet().stream()
                .filter(e -> e.getKey().startsWith(TAGS) && e.getValue().equals(sha))
                .map(e -> e.getKey().substring(TAGS.length()))
                .toList();
    }
}
