package io.jenkins.plugins.gitops.engine.webhook;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import java.util.Collection;
import java.util.List;
import org.semver4j.Semver;

/**
 * Which applications a push should refresh: one of the app's sources must name the pushed repository, its
 * targetRevision must follow the pushed ref (HEAD/empty follows the default branch; a branch or tag name or a
 * {@code refs/...} form matches by name; a semver constraint matches a pushed tag that satisfies it), and one of the
 * app's {@link Application#manifestGeneratePaths() manifest paths} must contain a changed file (unless the provider
 * did not list files).
 */
public final class RefreshMatcher {

    private RefreshMatcher() {}

    public static List<Application> affected(PushEvent event, Collection<Application> apps) {
        return apps.stream().filter(a -> affects(event, a)).toList();
    }

    public static boolean affects(PushEvent event, Application app) {
        boolean sourceMatches = app.sources().stream().anyMatch(s -> repoMatches(event, s) && revisionMatches(event, s));
        return sourceMatches && pathsMatch(event, app);
    }

    static boolean repoMatches(PushEvent event, ApplicationSource source) {
        return event.repoUrls().stream().anyMatch(u -> RepoUrl.same(u, source.repoURL())
                || RepoUrl.same(u.replace("/scm/", "/"), source.repoURL().replace("/scm/", "/")));
    }

    static boolean revisionMatches(PushEvent event, ApplicationSource source) {
        String target = source.targetRevision() == null ? "" : source.targetRevision().trim();
        if (target.isEmpty() || target.equals("HEAD")) {
            return event.touchedHead();
        }
        String shortName = Ref.parse(target).name();
        if (event.revisions().contains(shortName)) {
            return true;
        }
        return event.tag() && event.revisions().stream().anyMatch(tag -> satisfies(tag, target));
    }

    private static boolean satisfies(String tag, String constraint) {
        Semver v = Semver.parse(tag.startsWith("v") ? tag.substring(1) : tag);
        if (v == null) {
            return false;
        }
        try {
            return v.satisfies(constraint);
        } catch (RuntimeException notAConstraint) {
            return false;
        }
    }

    static boolean pathsMatch(PushEvent event, Application app) {
        if (!event.filesKnown()) {
            return true;
        }
        return app.manifestGeneratePaths().stream().anyMatch(dir -> event.changedFiles().stream()
                .anyMatch(f -> dir.isEmpty() || dir.equals(".") || f.equals(dir) || f.startsWith(dir + "/")));
    }
}
