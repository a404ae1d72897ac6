package io.jenkins.plugins.gitops.engine.project;

import java.util.Locale;

/**
 * Normalises Git repository URLs the way Argo CD's {@code git.NormalizeGitURL} does before comparing them with
 * {@code sourceRepos}: trimmed, lower case, without a trailing {@code .git} or {@code /}, and scp-like SSH addresses
 * ({@code git@host:org/repo}) written as {@code git@host/org/repo} so that one pattern covers both forms.
 */
public final class RepoUrls {

    private RepoUrls() {}

    public static String normalize(String url) {
        String u = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
        if (u.startsWith("ssh://")) {
            u = u.substring("ssh://".length());
        } else if (!u.contains("://")) {
            int at = u.indexOf('@');
            int colon = u.indexOf(':', Math.max(at, 0));
            if (at > 0 && colon > at) {
                u = u.substring(0, colon) + "/" + u.substring(colon + 1);
            }
        }
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith(".git")) {
            u = u.substring(0, u.length() - ".git".length());
        }
        return u;
    }
}
