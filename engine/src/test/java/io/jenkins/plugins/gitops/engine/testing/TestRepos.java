package io.jenkins.plugins.gitops.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Creates Git repositories for tests in a few lines: a bare repository served by a {@link GitHttpServer} plus a
 * non-bare working copy ({@link TestRepo}) whose commits, branches and tags are pushed to it.
 *
 * <pre>{@code
 * @TempDir Path tmp;
 *
 * try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"))) {
 *     TestRepo repo = TestRepos.create(server, "guestbook", tmp.resolve("work"));
 *     String first = repo.write("guestbook/cm.yaml", "kind: ConfigMap ...").commit("add config map");
 *     repo.tag("v1.0.0");
 *     repo.branch("feature").write("guestbook/cm.yaml", "...").commit("change on feature");
 *     // repo.url() is the clone URL for code under test
 * }
 * }</pre>
 *
 * <p>Commits are deterministic: a fixed author ({@link TestRepo#AUTHOR_NAME}) and a clock that starts at
 * 2024-01-01T00:00:00Z and advances one minute per commit, so the same script always produces the same SHAs.
 */
public final class TestRepos {

    private TestRepos() {}

    /**
     * Creates the bare repository {@code name} under the server's project root (default branch {@code main}) and a
     * working copy for it in {@code workDir} (which must not exist or be empty).
     */
    public static TestRepo create(GitHttpServer server, String name, Path workDir) {
        return create(server.repositoryDir(name), server.url(name), workDir);
    }

    /**
     * Creates a bare repository at {@code bareDir} and a working copy in {@code workDir}; {@code url} is what
     * {@link TestRepo#url()} reports (use {@code bareDir.toUri().toString()} for a file-based repository).
     */
    public static TestRepo create(Path bareDir, String url, Path workDir) {
        try {
            Files.createDirectories(bareDir);
            Files.createDirectories(workDir);
            Git.init().setBare(true).setDirectory(bareDir.toFile()).setInitialBranch("main").call().close();
            Git work = Git.init().setDirectory(workDir.toFile()).setInitialBranch("main").call();
            work.getRepository().getConfig().setBoolean("core", null, "symlinks", true);
            work.getRepository().getConfig().save();
            return new TestRepo(work, bareDir, url);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create test repository " + bareDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
