package io.jenkins.plugins.gitops.engine.imageupdate;

import io.jenkins.plugins.gitops.engine.source.RepoCredentials;
import io.jenkins.plugins.gitops.engine.source.TransportSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Commits file edits to a Git repository and pushes them, as Image Updater's Git write-back does: clone the base
 * branch into a private temporary directory, apply the edits, commit once, push to the target branch with the
 * repository's credentials. A push the server rejects because the branch moved is answered by fetching, resetting to
 * the new tip and applying the edits again (they are recomputed from the files), up to {@code attempts} times. An
 * edit that changes nothing commits nothing. The temporary clone is always deleted.
 */
public final class GitWriteBack {

    private static final Set<RemoteRefUpdate.Status> RETRYABLE = EnumSet.of(
            RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD, RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED,
            RemoteRefUpdate.Status.REJECTED_OTHER_REASON);

    private final Path workDir;
    private final Function<String, RepoCredentials> credentials;
    private final Duration timeout;
    private final PersonIdent author;
    private final int attempts;

    public GitWriteBack(Path workDir, Function<String, RepoCredentials> credentials, Duration timeout,
            String authorName, String authorEmail, int attempts) {
        this.workDir = workDir;
        this.credentials = credentials;
        this.timeout = timeout;
        this.author = new PersonIdent(authorName, authorEmail);
        this.attempts = attempts;
    }

    /**
     * Applies {@code edits} (working tree root -> repository-relative path -> new content; content equal to the file's
     * means no change) on {@code baseBranch} (empty: the remote's default branch) and pushes to {@code targetBranch}
     * (empty: the base branch). Returns the pushed commit, or empty when nothing changed.
     */
    public Optional<String> commit(String repoUrl, String baseBranch, String targetBranch, String message,
            Function<Path, Map<String, String>> edits) {
        RepoCredentials creds = credentials.apply(repoUrl);
        Path dir = null;
        try {
            Files.createDirectories(workDir);
            dir = Files.createTempDirectory(workDir, "write-back-");
            CloneCommand clone = Git.cloneRepository().setURI(repoUrl).setDirectory(dir.toFile());
            if (!baseBranch.isEmpty()) {
                clone.setBranch(baseBranch);
            }
            Git git;
            try (TransportSetup t = TransportSetup.apply(clone, creds, workDir.resolve("ssh"), timeout)) {
                git = clone.call();
            }
            try (git) {
                String base = git.getRepository().getBranch();
                String target = targetBranch.isEmpty() ? base : targetBranch;
                boolean targetExists = git.getRepository().findRef("refs/remotes/origin/" + target) != null;
                if (!target.equals(base)) {
                    git.checkout().setCreateBranch(true).setName(target)
                            .setStartPoint(targetExists ? "origin/" + target : "HEAD").call();
                }
                for (int attempt = 1; attempt <= attempts; attempt++) {
                    if (!write(dir, edits.apply(dir), git)) {
                        return Optional.empty();
                    }
                    RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author)
                            .setSign(false).call();
                    PushCommand push = git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/" + target));
                    RemoteRefUpdate.Status status;
                    String detail;
                    try (TransportSetup t = TransportSetup.apply(push, creds, workDir.resolve("ssh"), timeout)) {
                        RemoteRefUpdate update = single(push.call());
                        status = update.getStatus();
                        detail = update.getMessage();
                    }
                    if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
                        return Optional.of(commit.getName());
                    }
                    if (!RETRYABLE.contains(status) || attempt == attempts) {
                        throw new ImageUpdateException("push to " + repoUrl + " branch " + target + " was rejected ("
                                + status + (detail == null ? "" : ": " + detail) + ")"
                                + (attempt > 1 ? " after " + attempt + " attempts" : ""));
                    }
                    FetchCommand fetch = git.fetch().setRemote("origin");
                    try (TransportSetup t = TransportSetup.apply(fetch, creds, workDir.resolve("ssh"), timeout)) {
                        fetch.call();
                    }
                    Ref tip = git.getRepository().findRef("refs/remotes/origin/" + target);
                    git.reset().setMode(ResetCommand.ResetType.HARD)
                            .setRef(tip != null ? tip.getName() : "refs/remotes/origin/" + base).call();
                }
                throw new IllegalStateException("unreachable");
            }
        } catch (GitAPIException e) {
            throw new ImageUpdateException("write-back to " + repoUrl + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ImageUpdateException("write-back to " + repoUrl + " failed: " + e, e);
        } finally {
            delete(dir);
        }
    }

    private static RemoteRefUpdate single(Iterable<PushResult> results) {
        for (PushResult r : results) {
            for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                return u;
            }
        }
        throw new ImageUpdateException("the push reported no ref update");
    }

    /** Writes the files whose content changes and stages them; false when none changes. */
    private static boolean write(Path root, Map<String, String> files, Git git) throws IOException, GitAPIException {
        boolean changed = false;
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = root.resolve(e.getKey()).normalize();
            if (!file.startsWith(root) || file.startsWith(root.resolve(".git"))) {
                throw new ImageUpdateException("write-back path '" + e.getKey() + "' leaves the repository");
            }
            String old = Files.isRegularFile(file) ? Files.readString(file) : null;
            if (e.getValue().equals(old)) {
                continue;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            git.add().addFilepattern(root.relativize(file).toString().replace('\\', '/')).call();
            changed = true;
        }
        return changed;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temporary clone holds no secret (credentials are never written)
        }
    }
}
