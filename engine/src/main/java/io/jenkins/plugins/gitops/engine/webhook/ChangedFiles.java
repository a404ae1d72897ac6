package io.jenkins.plugins.gitops.engine.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * Files a push changed, from the added/modified/removed lists of its commits (GitHub, GitLab). GitHub truncates the
 * commit list at 20 commits; a push with no commit list (e.g. a tag or a force push) counts as "unknown".
 */
record ChangedFiles(Set<String> paths, boolean known) {

    private static final String[] LISTS = {"added", "modified", "removed"};
    private static final int PROVIDER_COMMIT_LIMIT = 20;

    static ChangedFiles fromCommits(JsonNode commits) {
        if (!commits.isArray() || commits.isEmpty() || commits.size() >= PROVIDER_COMMIT_LIMIT) {
            return new ChangedFiles(Set.of(), false);
        }
        Set<String> out = new TreeSet<>();
        for (JsonNode c : commits) {
            for (String list : LISTS) {
                c.path(list).forEach(f -> out.add(f.asText()));
            }
        }
        return new ChangedFiles(Set.copyOf(out), true);
    }
}
