package io.jenkins.plugins.gitops.engine.webhook;

import java.util.List;
import java.util.Set;

/**
 * A push as the Git provider reported it, reduced to what refresh decisions need.
 *
 * <p>Invariants: {@code repoUrls} holds every URL form the payload gave for the repository (web, HTTPS clone, SSH
 * clone), compared after {@link RepoUrl#normalize}. {@code revisions} are the short names pushed (branch or tag,
 * without {@code refs/heads/} or {@code refs/tags/}). {@code changedFiles} is empty with {@code filesKnown=false}
 * when the provider does not list files (Bitbucket): then every path counts as changed.
 */
public record PushEvent(
        GitProvider provider,
        List<String> repoUrls,
        List<String> revisions,
        boolean tag,
        String defaultBranch,
        String afterSha,
        Set<String> changedFiles,
        boolean filesKnown) {

    /**
     * Whether the push touched the default branch (what {@code HEAD} and an empty targetRevision follow). When the
     * provider does not say which branch is the default (Bitbucket), any branch push counts: a needless refresh is
     * cheap, a missed one is not.
     */
    public boolean touchedHead() {
        return !tag && (defaultBranch.isEmpty() || revisions.contains(defaultBranch));
    }
}
