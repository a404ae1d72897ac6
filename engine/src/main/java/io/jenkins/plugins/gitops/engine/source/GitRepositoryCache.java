package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's access to Git: one local bare mirror per repository and read-only trees per commit, below one cache
 * directory:
 *
 * <pre>
 * root/repos/&lt;key&gt;.git       bare mirror, key = hash of the normalised URL ({@link RepoUrl#cacheKey()})
 * root/trees/&lt;key&gt;/&lt;sha&gt;     materialised commits (read-only, LRU-bounded by count)
 * root/ssh/&lt;key&gt;             known_hosts and generated ssh config for SSH repositories
 * </pre>
 *
 * <p>Typical use by the reconciler, once per refresh pass:
 *
 * <pre>{@code
 * RefreshCycle cycle = RefreshCycle.begin();
 * for (app : apps) {
 *     RevisionInfo rev = cache.resolve(app.repoUrl(), creds, app.targetRevision(), cycle); // fetches once per repo
 *     try (RepositoryTree tree = cache.materialize(app.repoUrl(), rev.sha())) {
 *         render(tree.path().resolve(app.path()));
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe. Fetches are coalesced per repository ({@link RefreshCycle} explains when a fetch is shared); work
 * on different repositories never waits on a common lock. Every exception is a {@link GitSourceException} whose message
 * names the repository without credentials.
 */
public final class GitRepositoryCache implements AutoCloseable {

    /** Default bound on materialised trees kept on disk. */
    public static final int DEFAULT_MAX_TREES = 32;
    /** Default network timeout of one fetch (per I/O operation, as JGit defines it). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final Duration timeout;
    private final EngineLog log;
    private final MaterializedTrees trees;
    private final Map<String, MirrorRepository> mirrors = new ConcurrentHashMap<>();
    private volatile boolean allowLocal = true;

    /** A cache in {@code root} with the default tree bound and timeout, logging nothing. */
    public GitRepositoryCache(Path root) {
        this(root, DEFAULT_MAX_TREES, DEFAULT_TIMEOUT, EngineLog.NONE);
    }

    /**
     * A cache in {@code root} keeping at most {@code maxTrees} unleased materialised trees, with a network timeout
     * and a log for fetch messages (already redacted).
     */
    public GitRepositoryCache(Path root, int maxTrees, Duration timeout, EngineLog log) {
        this.root = root.toAbsolutePath();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.log = Objects.requireNonNull(log, "log");
        this.trees = new MaterializedTrees(this.root.resolve("trees"), maxTrees);
    }

    /** Fetches all branches and tags of {@code url} now (joining a fetch that started after this call, if any). */
    public void fetch(String url, RepoCredentials credentials) {
        mirror(url).fetch(credentials, RefreshCycle.tick());
    }

    /** Fetches all branches and tags of {@code url} unless it was already fetched during {@code cycle}. */
    public void fetch(String url, RepoCredentials credentials, RefreshCycle cycle) {
        mirror(url).fetch(credentials, cycle.startTick());
    }

    /** Fetches (now) and resolves {@code targetRevision} as Argo CD does; see {@link #resolve(String, RepoCredentials, String, RefreshCycle)}. */
    public RevisionInfo resolve(String url, RepoCredentials credentials, String targetRevision) {
        return resolve(url, credentials, targetRevision, RefreshCycle.tick());
    }

    /**
     * Fetches {@code url} (at most once per {@code cycle}) and resolves {@code targetRevision}: a branch, tag, full or
     * abbreviated commit SHA, {@code HEAD} or empty (the remote's default branch), a fully qualified ref (refs outside
     * branches and tags, like {@code refs/pull/1/head}, are fetched on demand) or a semver constraint over tags.
     *
     * @throws GitSourceException naming the repository and revision when it cannot be resolved
     */
    public RevisionInfo resolve(String url, RepoCredentials credentials, String targetRevision, RefreshCycle cycle) {
        return resolve(url, credentials, targetRevision, cycle.startTick());
    }

    /** Metadata of a commit already in the local mirror (no network). */
    public RevisionInfo revisionInfo(String url, String sha) {
        MirrorRepository mirror = mirror(url);
        return new CommitReader(mirror).info(sha, "", mirror.refTable());
    }

    /**
     * A lease on the files of commit {@code sha} (full SHA, already fetched) in a read-only directory; close it when
     * done. Written on first use, shared by concurrent callers of the same commit.
     *
     * @throws GitSourceException when the commit is missing or contains a symbolic link leaving the repository
     */
    public RepositoryTree materialize(String url, String sha) {
        MirrorRepository mirror = mirror(url);
        CommitReader reader = new CommitReader(mirror);
        reader.requireCommit(sha); // fail fast, before any directory is created
        TreeMaterializer materializer = new TreeMaterializer(reader, mirror.url());
        return trees.acquire(mirror.url(), sha, dir -> materializer.write(sha, dir));
    }

    /** Content of one file at a commit, read from the object database (no materialisation). */
    public byte[] readFile(String url, String sha, String path) {
        return new CommitReader(mirror(url)).readFile(sha, path);
    }

    /** Every file path at a commit (slash-separated, sorted); submodules are left out. */
    public List<String> listFiles(String url, String sha) {
        return new CommitReader(mirror(url)).listFiles(sha);
    }

    /**
     * Paths that differ between two commits, sorted; empty when they are equal. For webhook and {@code
     * argocd.argoproj.io/manifest-generate-paths} filtering.
     */
    public List<String> changedFiles(String url, String fromSha, String toSha) {
        return new CommitReader(mirror(url)).changedFiles(fromSha, toSha);
    }

    /** Number of real fetches of {@code url} run by this cache (coalesced requests not counted). */
    public int fetchCount(String url) {
        MirrorRepository mirror = mirrors.get(RepoUrl.of(url).cacheKey());
        return mirror == null ? 0 : mirror.fetchCount();
    }

    /** Number of materialised trees currently kept. */
    public int materializedTreeCount() {
        return trees.size();
    }

    /** The cache directory. */
    public Path root() {
        return root;
    }

    /** Closes the open mirrors; trees on disk are kept for the next process. */
    @Override
    public void close() {
        mirrors.values().forEach(MirrorRepository::close);
        mirrors.clear();
    }

    private RevisionInfo resolve(String url, RepoCredentials credentials, String targetRevision, long threshold) {
        MirrorRepository mirror = mirror(url);
        String revision = targetRevision == null ? "" : targetRevision.trim();
        if (RevisionResolver.isFullSha(revision)) {
            // a commit never changes: one already fetched is read from the mirror without asking the server (Argo
            // CD's repo-server answers a commit SHA from its cache too). An automated sync of the compared commit, and
            // the comparison after it, cost no fetch.
            String sha = revision.toLowerCase(java.util.Locale.ROOT);
            if (mirror.hasCommit(sha)) { // false too when there is no mirror yet: then it is fetched
                return new CommitReader(mirror).info(sha, "", mirror.refTable());
            }
        }
        mirror.fetch(credentials, threshold);
        if (revision.startsWith("refs/") && !revision.startsWith(RefTable.HEADS) && !revision.startsWith(RefTable.TAGS)) {
            mirror.fetchRef(credentials, revision, threshold);
        }
        RefTable refs = mirror.refTable();
        RevisionResolver.Resolution resolution = new RevisionResolver(mirror.url(), refs, mirror::findCommit).resolve(revision);
        return new CommitReader(mirror).info(resolution.sha(), resolution.ref(), refs);
    }

    /**
     * Whether repositories on this machine's disk ({@code file://} URLs and paths) may be read. On by default (the
     * CLI reads what its user can read anyway); the Jenkins plugin turns it off, as the Git plugin refuses local
     * repositories on the controller since SECURITY-2478, so a Pipeline cannot read any repository on the controller.
     */
    public void allowLocalRepositories(boolean allow) {
        this.allowLocal = allow;
    }

    public boolean allowsLocalRepositories() {
        return allowLocal;
    }

    /** Refuses a local repository when they are not allowed; every Git access passes here. */
    public void checkAllowed(String url) {
        if (!allowLocal && RepoUrl.of(url).isLocal()) {
            throw new GitSourceException("repository '" + RepoUrl.of(url).redacted() + "' is on the local disk; "
                    + "local repositories (file:// URLs and paths) are not allowed here. Use a remote URL, or ask the "
                    + "administrator to allow them (Jenkins: -Dio.jenkins.plugins.gitops.allowLocalRepositories=true)");
        }
    }

    private MirrorRepository mirror(String url) {
        checkAllowed(url);
        RepoUrl repoUrl = RepoUrl.of(url);
        String key = repoUrl.cacheKey();
        return mirrors.computeIfAbsent(key, k -> new MirrorRepository(repoUrl, root.resolve("repos").resolve(k + ".git"),
                root.resolve("ssh").resolve(k), timeout, log));
    }
}
