package io.jenkins.plugins.gitops.engine.source;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The files of one commit, written to a read-only directory of the cache and leased to the caller: while any lease
 * is open the directory is never evicted. Close it when rendering is done (try-with-resources). Every caller of the
 * same repository and commit shares one directory; different commits never share one, so concurrent renders of
 * different revisions cannot interfere.
 */
public final class RepositoryTree implements AutoCloseable {

    private final RepoUrl url;
    private final String sha;
    private final Path path;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    RepositoryTree(RepoUrl url, String sha, Path path, Runnable release) {
        this.url = url;
        this.sha = sha;
        this.path = path;
        this.release = release;
    }

    /** Root directory of the tree (read-only: files and directories cannot be changed, added or removed). */
    public Path path() {
        return path;
    }

    /** Full commit SHA of the tree. */
    public String sha() {
        return sha;
    }

    public RepoUrl url() {
        return url;
    }

    /** Releases the lease; the directory may be evicted afterwards. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public String toString() {
        return "RepositoryTree[" + url + " @ " + sha + " in " + path + "]";
    }
}
