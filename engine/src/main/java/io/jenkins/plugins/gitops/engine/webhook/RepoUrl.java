package io.jenkins.plugins.gitops.engine.webhook;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repository URL normalisation so that {@code https://github.com/org/repo.git}, {@code git@github.com:org/repo},
 * {@code ssh://git@github.com:22/org/repo.git} and {@code https://user@github.com/Org/Repo/} all name the same
 * repository (as Argo CD's git.NormalizeGitURL / SameURL do): host and path, lower case, without scheme, user,
 * default ports, trailing slash or {@code .git}.
 */
public final class RepoUrl {

    private static final Pattern SCP = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(?!\\d+/)(.+)$");
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/]*@)?([^/:]+)(?::(\\d+))?(/.*)?$");

    private RepoUrl() {}

    public static String normalize(String url) {
        if (url == null) {
            return "";
        }
        String u = url.trim();
        String host;
        String path;
        Matcher m = URL.matcher(u);
        if (m.matches()) {
            host = m.group(1);
            String port = m.group(2);
            if (port != null && !port.equals("22") && !port.equals("443") && !port.equals("80")) {
                host = host + ":" + port;
            }
            path = m.group(3) == null ? "" : m.group(3);
        } else {
            Matcher s = SCP.matcher(u);
            if (!s.matches()) {
                return stripTail(u.toLowerCase(Locale.ROOT));
            }
            host = s.group(1);
            path = "/" + s.group(2);
        }
        // Bitbucket Server clones under /scm/<project>/<repo>; its web URLs do not have /scm.
        return stripTail((host + path).toLowerCase(Locale.ROOT));
    }

    public static boolean same(String a, String b) {
        String na = normalize(a);
        return !na.isEmpty() && na.equals(normalize(b));
    }

    private static String stripTail(String s) {
        String r = s;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        if (r.endsWith(".git")) {
            r = r.substring(0, r.length() - 4);
        }
        return r;
    }
}
