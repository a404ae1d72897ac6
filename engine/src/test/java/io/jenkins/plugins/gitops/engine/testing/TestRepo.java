package io.jenkins.plugins.gitops.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A working copy whose every commit, branch and tag is pushed at once to its bare "remote" repository. Created by
 * {@link TestRepos}. Methods that change files return {@code this} so a commit reads as one chain:
 * {@code repo.write("a.yaml", "...").delete("b.yaml").commit("msg")}.
 */
public final class TestRepo {

    /** Author and committer name of every commit. */
    public static final String AUTHOR_NAME = "Test Author";
    /** Author and committer email of every commit. */
    public static final String AUTHOR_EMAIL = "author@example.com";
    /** Date of the first commit; each further commit is one minute later. */
    public static final Instant FIRST_COMMIT_DATE = Instant.parse("2024-01-01T00:00:00Z");

    private final Git git;
    private final Path bareDir;
    private final String url;
    private int commits;

    TestRepo(Git git, Path bareDir, String url) {
        this.git = git;
        this.bareDir = bareDir;
        this.url = url;
    }

    /** Clone URL of the bare repository (HTTP when created through a {@link GitHttpServer}). */
    public String url() {
        return url;
    }

    /** Directory of the working copy. */
    public Path workDir() {
        return git.getRepository().getWorkTree().toPath();
    }

    /** Writes (creates or replaces) a UTF-8 file; parent directories are created. */
    public TestRepo write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes (creates or replaces) a file with these bytes; parent directories are created. */
    public TestRepo write(String path, byte[] content) {
        try {
            Path file = workDir().resolve(path);
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates (or replaces) a symbolic link {@code path -> target}; the target is stored verbatim. */
    public TestRepo symlink(String path, String target) {
        try {
            Path link = workDir().resolve(path);
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Paths.get(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file or a whole directory from the working copy. */
    public TestRepo delete(String path) {
        Path target = workDir().resolve(path);
        try (Stream<Path> files = Files.walk(target)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits every change in the working copy (additions, modifications, deletions), pushes it, returns the SHA. */
    public String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent ident = nextIdent();
            RevCommit commit = git.commit().setMessage(message).setAuthor(ident).setCommitter(ident)
                    .setAllowEmpty(true).setSign(false).call();
            push("+" + currentRef() + ":" + currentRef());
            return commit.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException("commit failed in " + workDir(), e);
        }
    }

    /** Creates and pushes a lightweight tag on the current commit. */
    public TestRepo tag(String name) {
        return tag(name, null);
    }

    /** Creates and pushes an annotated tag (when {@code message} is non-null) on the current commit. */
    public TestRepo tag(String name, String message) {
        try {
            var tag = git.tag().setName(name).setForceUpdate(true).setSigned(false);
            if (message != null) {
                tag.setAnnotated(true).setMessage(message).setTagger(nextIdent());
            } else {
                tag.setAnnotated(false);
            }
            tag.call();
            push("+refs/tags/" + name + ":refs/tags/" + name);
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("tag " + name + " failed in " + workDir(), e);
        }
    }

    /** Deletes a tag locally and on the remote. */
    public TestRepo deleteTag(String name) {
        try {
            git.tagDelete().setTags(name).call();
            push(":refs/tags/" + name);
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("deleting tag " + name + " failed", e);
        }
    }

    /** Switches to branch {@code name}, creating it at the current commit (and pushing it) when it does not exist. */
    public TestRepo branch(String name) {
        try {
            boolean exists = git.getRepository().findRef(Constants.R_HEADS + name) != null;
            git.checkout().setName(name).setCreateBranch(!exists).call();
            if (!exists && git.getRepository().resolve(Constants.HEAD) != null) {
                push("+" + Constants.R_HEADS + name + ":" + Constants.R_HEADS + name);
            }
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("checkout of " + name + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pushes the current commit to an arbitrary remote ref, for example {@code refs/pull/1/head}. */
    public TestRepo pushTo(String remoteRef) {
        push("+HEAD:" + remoteRef);
        return this;
    }

    /** Makes {@code branch} the remote's default branch (what {@code HEAD} resolves to). */
    public TestRepo setRemoteDefaultBranch(String branch) {
        try (Repository bare = new FileRepositoryBuilder().setGitDir(bareDir.toFile()).setMustExist(true).build()) {
            RefUpdate.Result result = bare.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch);
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NEW && result != RefUpdate.Result.NO_CHANGE) {
                throw new IllegalStateException("cannot set HEAD of " + bareDir + ": " + result);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA of the current commit. */
    public String head() {
        try {
            return git.getRepository().resolve(Constants.HEAD).getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String currentRef() {
        try {
            return git.getRepository().getFullBranch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PersonIdent nextIdent() {
        Instant when = FIRST_COMMIT_DATE.plusSeconds(60L * commits++);
        return new PersonIdent(AUTHOR_NAME, AUTHOR_EMAIL, when, ZoneOffset.UTC);
    }

    private void push(String refSpec) {
        try {
            git.push().setRemote(bareDir.toUri().toString()).setRefSpecs(new RefSpec(refSpec))
                    .setForce(true).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException("push of " + refSpec + " to " + bareDir + " failed", e);
        }
    }
}
