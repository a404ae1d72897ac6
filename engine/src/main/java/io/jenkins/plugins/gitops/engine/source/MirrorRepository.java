package io.jenkins.plugins.gitops.engine.source;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * The local bare mirror of one remote repository: created on first use, then updated by fetches of all branches and
 * tags with prune (so local {@code refs/heads/*} and {@code refs/tags/*} equal the remote's), and {@code HEAD} kept
 * pointing at the remote's default branch. Other refs ({@code refs/pull/1/head}) are fetched one by one on request.
 *
 * <p>Network operations on one mirror take its lock, so they never overlap; {@link FetchCoalescer}s make concurrent
 * callers share them. Reading objects needs no lock: JGit repositories are safe for concurrent readers while a fetch
 * adds packs and updates refs.
 */
final class MirrorRepository implements AutoCloseable {

    private static final List<RefSpec> BRANCHES_AND_TAGS = List.of(
            new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));
    /** Branch names git itself prefers when guessing the default branch from a SHA (git's remote.c). */
    private static final List<String> PREFERRED_DEFAULT_BRANCHES = List.of("refs/heads/main", "refs/heads/master");

    private final RepoUrl url;
    private final Path gitDir;
    private final Path sshDir;
    private final Duration timeout;
    private final EngineLog log;
    private final ReentrantLock networkLock = new ReentrantLock();
    private final FetchCoalescer branchesAndTags = new FetchCoalescer();
    private final Map<String, FetchCoalescer> singleRefs = new ConcurrentHashMap<>();
    private volatile Repository repository;

    MirrorRepository(RepoUrl url, Path gitDir, Path sshDir, Duration timeout, EngineLog log) {
        this.url = url;
        this.gitDir = gitDir;
        this.sshDir = sshDir;
        this.timeout = timeout;
        this.log = log;
    }

    RepoUrl url() {
        return url;
    }

    /** Fetches branches and tags unless a fetch started at or after {@code threshold} already did. */
    void fetch(RepoCredentials credentials, long threshold) {
        branchesAndTags.fetch(threshold, () -> runFetch(credentials, BRANCHES_AND_TAGS, true));
    }

    /** Fetches one fully qualified ref outside branches and tags (for example {@code refs/pull/1/head}). */
    void fetchRef(RepoCredentials credentials, String ref, long threshold) {
        RefSpec spec = new RefSpec("+" + ref + ":" + ref);
        singleRefs.computeIfAbsent(ref, r -> new FetchCoalescer())
                .fetch(threshold, () -> runFetch(credentials, List.of(spec), false));
    }

    /** Real fetches run so far (all refs). */
    int fetchCount() {
        return branchesAndTags.fetchCount() + singleRefs.values().stream().mapToInt(FetchCoalescer::fetchCount).sum();
    }

    /** The refs of the mirror now. */
    RefTable refTable() {
        Repository repo = repository();
        try {
            Map<String, String> refs = new HashMap<>();
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
                Ref peeled = ref.isPeeled() ? ref : repo.getRefDatabase().peel(ref);
                ObjectId id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
                if (id != null) {
                    refs.put(ref.getName(), id.getName());
                }
            }
            Ref head = repo.exactRef(Constants.HEAD);
            String target = head != null && head.isSymbolic() ? head.getTarget().getName() : null;
            return new RefTable(refs, target);
        } catch (IOException e) {
            throw SecretRedactor.urlsOnly().failure("cannot read refs of the mirror of " + url, e);
        }
    }

    /** Whether the mirror exists and holds the commit {@code sha} (full SHA), without any network access. */
    boolean hasCommit(String sha) {
        if (repository == null && !Files.isRegularFile(gitDir.resolve("HEAD"))) {
            return false;
        }
        try {
            return findCommit(sha).isPresent();
        } catch (RuntimeException e) {
            return false; // unreadable here: fetching decides
        }
    }

    /** Looks up commits by full or abbreviated SHA. */
    Optional<String> findCommit(String hexPrefix) {
        Repository repo = repository();
        try (ObjectReader reader = repo.newObjectReader()) {
            var candidates = reader.resolve(AbbreviatedObjectId.fromString(hexPrefix));
            List<ObjectId> commits = candidates.stream().filter(id -> isCommit(reader, id)).map(ObjectId::copy).toList();
            if (commits.size() > 1) {
                throw new GitSourceException("abbreviated commit SHA '" + hexPrefix + "' is ambiguous in repository "
                        + url + " (" + commits.size() + " commits); use more digits");
            }
            return commits.stream().findFirst().map(ObjectId::getName);
        } catch (IOException e) {
            throw SecretRedactor.urlsOnly().failure("cannot look up commit " + hexPrefix + " in " + url, e);
        }
    }

    /** The open JGit repository (initialised on first use). */
    Repository repository() {
        Repository repo = repository;
        if (repo != null) {
            return repo;
        }
        networkLock.lock();
        try {
            if (repository == null) {
                repository = openOrCreate();
            }
            return repository;
        } finally {
            networkLock.unlock();
        }
    }

    @Override
    public void close() {
        Repository repo = repository;
        if (repo != null) {
            repo.close();
        }
    }

    private void runFetch(RepoCredentials credentials, List<RefSpec> specs, boolean prune) {
        SecretRedactor redactor = SecretRedactor.of(credentials);
        networkLock.lock();
        try (Git git = Git.wrap(repository())) {
            FetchCommand fetch = git.fetch().setRemote(url.value()).setRefSpecs(specs).setRemoveDeletedRefs(prune)
                    .setTagOpt(TagOpt.NO_TAGS).setForceUpdate(true);
            try (TransportSetup ignored = TransportSetup.apply(fetch, credentials, sshDir, timeout)) {
                FetchResult result = fetch.call();
                if (prune) {
                    followRemoteHead(result);
                }
            }
            log.info("fetched " + url + (prune ? "" : " " + specs.get(0).getSource()));
        } catch (GitSourceException e) {
            throw new GitSourceException(redactor.redact(e.getMessage()));
        } catch (Exception e) {
            throw new GitSourceException("fetch of " + url + " failed: " + FetchErrors.explain(redactor.describe(e), url));
        } finally {
            networkLock.unlock();
        }
    }

    /** Points local HEAD where the remote's HEAD points (its symref, else the branch with the same commit). */
    private void followRemoteHead(FetchResult result) throws IOException {
        Ref remoteHead = result.getAdvertisedRef(Constants.HEAD);
        if (remoteHead == null) {
            return;
        }
        Repository repo = repository();
        String target = null;
        if (remoteHead.isSymbolic()) {
            target = remoteHead.getTarget().getName();
        } else if (remoteHead.getObjectId() != null) {
            target = guessDefaultBranch(result, remoteHead.getObjectId());
        }
        if (target == null || repo.exactRef(target) == null) {
            return;
        }
        Ref local = repo.exactRef(Constants.HEAD);
        if (local != null && local.isSymbolic() && local.getTarget().getName().equals(target)) {
            return;
        }
        RefUpdate.Result update = repo.updateRef(Constants.HEAD).link(target);
        if (update != RefUpdate.Result.NEW && update != RefUpdate.Result.FORCED && update != RefUpdate.Result.NO_CHANGE) {
            log.warn("cannot point HEAD of the mirror of " + url + " at " + target + ": " + update);
        }
    }

    private static String guessDefaultBranch(FetchResult result, ObjectId headId) {
        for (String preferred : PREFERRED_DEFAULT_BRANCHES) {
            Ref ref = result.getAdvertisedRef(preferred);
            if (ref != null && headId.equals(ref.getObjectId())) {
                return preferred;
            }
        }
        return result.getAdvertisedRefs().stream()
                .filter(r -> r.getName().startsWith(Constants.R_HEADS) && headId.equals(r.getObjectId()))
                .map(Ref::getName).sorted().findFirst().orElse(null);
    }

    private Repository openOrCreate() {
        try {
            if (!Files.isRegularFile(gitDir.resolve("HEAD"))) {
                createBare();
            }
            return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
        } catch (IOException | RuntimeException e) {
            throw SecretRedactor.urlsOnly().failure("cannot open the local mirror " + gitDir + " of " + url, e);
        }
    }

    /** Initialises the bare repository in a temporary directory and renames it into place. */
    private void createBare() throws IOException {
        Files.createDirectories(gitDir.getParent());
        if (Files.exists(gitDir)) {
            FileTrees.deleteRecursively(gitDir); // a half-created mirror from a crash
        }
        Path tmp = Files.createTempDirectory(gitDir.getParent(), ".init-");
        try {
            Git.init().setBare(true).setDirectory(tmp.toFile()).call().close();
            Files.move(tmp, gitDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (GitAPIException e) {
            throw new IOException("git init failed: " + e.getMessage(), e);
        } finally {
            if (Files.exists(tmp)) {
                FileTrees.deleteRecursively(tmp);
            }
        }
    }

    private static boolean isCommit(ObjectReader reader, ObjectId id) {
        try {
            return reader.open(id).getType() == Constants.OBJ_COMMIT;
        } catch (IOException e) {
            return false;
        }
    }
}
