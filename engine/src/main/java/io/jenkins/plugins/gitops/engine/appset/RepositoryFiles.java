package io.jenkins.plugins.gitops.engine.appset;

import java.util.List;

/**
 * Read access to Git repositories for the git generator, at a revision (branch, tag, commit or {@code HEAD}). The
 * engine's Git layer implements it over a fetched tree; anything that can list and read files will do.
 *
 * <p>Paths are relative to the repository root, separated by {@code /}, without a leading slash.
 */
public interface RepositoryFiles {

    /**
     * Every directory of the tree, recursively, sorted; directories whose name starts with {@code .} (such as
     * {@code .git} or {@code .github}) are left out together with everything below them, as Argo CD's repo server
     * does.
     */
    List<String> directories(String repoURL, String revision);

    /**
     * The files whose path matches a glob, sorted. {@code *} matches within one path segment, {@code **} across
     * segments ({@code **}{@code /} also matches no directory at all), {@code ?}, {@code [..]} and {@code {a,b}} as
     * usual; {@link #matches(String, String)} implements this matching for implementations to reuse.
     */
    List<String> files(String repoURL, String revision, String glob);

    /** The content of one file; an exception naming the path when it does not exist. */
    byte[] read(String repoURL, String revision, String path);

    /** Whether a path matches a {@link #files} glob (doublestar semantics, as Argo CD's git file globbing). */
    static boolean matches(String glob, String path) {
        String g = glob.startsWith("/") ? glob.substring(1) : glob;
        g = g.replace("**/", "{,**/}");
        return io.jenkins.plugins.gitops.engine.project.Glob.compile(g, "/").matches(path);
    }
}
