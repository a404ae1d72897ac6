package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterializeTest {

    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
    private static final Set<PosixFilePermission> READ_ONLY_EXECUTABLE = PosixFilePermissions.fromString("r-xr-xr-x");

    @TempDir
    Path tmp;

    private GitHttpServer server;
    private GitRepositoryCache cache;
    private TestRepo repo;

    @BeforeEach
    void start() {
        server = GitHttpServer.start(tmp.resolve("srv"));
        cache = new GitRepositoryCache(tmp.resolve("cache"), 2, Duration.ofSeconds(30), EngineLog.NONE);
        repo = TestRepos.create(server, "app", tmp.resolve("work"));
    }

    @AfterEach
    void stop() {
        cache.close();
        server.close();
    }

    @Test
    void writesTheCommitTreeReadOnly() throws IOException {
        String sha = repo.write("base/cm.yaml", "v: 1\n").write("run.sh", "#!/bin/sh\n")
                .symlink("overlays/current", "../base").symlink("cm-link.yaml", "base/cm.yaml").commit("first");
        Files.setPosixFilePermissions(repo.workDir().resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String executable = repo.commit("make run.sh executable");
        fetch();

        try (RepositoryTree tree = cache.materialize(repo.url(), executable)) {
            Path root = tree.path();
            assertThat(root.getFileName().toString()).isEqualTo(executable);
            assertThat(root.resolve("base/cm.yaml")).hasContent("v: 1");
            assertThat(Files.readSymbolicLink(root.resolve("overlays/current"))).hasToString("../base");
            assertThat(root.resolve("overlays/current/cm.yaml")).hasContent("v: 1");
            assertThat(root.resolve("cm-link.yaml")).hasContent("v: 1");
            assertThat(Files.isExecutable(root.resolve("run.sh"))).isTrue();
            // permission bits, not Files.isWritable: tests may run as root, who may write anyway
            assertThat(Files.getPosixFilePermissions(root.resolve("base/cm.yaml"))).isEqualTo(READ_ONLY);
            assertThat(Files.getPosixFilePermissions(root.resolve("run.sh"))).isEqualTo(READ_ONLY_EXECUTABLE);
            assertThat(Files.getPosixFilePermissions(root.resolve("base"))).isEqualTo(READ_ONLY_EXECUTABLE);
            assertThat(Files.getPosixFilePermissions(root)).isEqualTo(READ_ONLY_EXECUTABLE);
        }
        assertThat(sha).isNotEqualTo(executable);
    }

    @Test
    void reusesTheTreeOfOneCommitAndIsolatesCommits() throws IOException {
        String first = repo.write("cm.yaml", "v: 1\n").commit("first");
        String second = repo.write("cm.yaml", "v: 2\n").write("new.yaml", "n: 1\n").commit("second");
        fetch();

        try (RepositoryTree a = cache.materialize(repo.url(), first);
                RepositoryTree again = cache.materialize(repo.url(), first);
                RepositoryTree b = cache.materialize(repo.url(), second)) {
            assertThat(again.path()).isEqualTo(a.path());
            assertThat(Files.getLastModifiedTime(again.path().resolve("cm.yaml")))
                    .isEqualTo(Files.getLastModifiedTime(a.path().resolve("cm.yaml")));
            assertThat(b.path()).isNotEqualTo(a.path());
            assertThat(a.path().resolve("cm.yaml")).hasContent("v: 1");
            assertThat(a.path().resolve("new.yaml")).doesNotExist();
            assertThat(b.path().resolve("cm.yaml")).hasContent("v: 2");
        }
        assertThat(cache.materializedTreeCount()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsForOneCommitShareOneDirectory() throws Exception {
        String sha = repo.write("cm.yaml", "v: 1\n").commit("first");
        fetch();

        List<Path> paths = GitRepositoryCacheFetchTest.runConcurrently(8, () -> {
            try (RepositoryTree tree = cache.materialize(repo.url(), sha)) {
                return tree.path();
            }
        });

        assertThat(paths).hasSize(8).containsOnly(paths.get(0));
        try (var siblings = Files.list(paths.get(0).getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()).collect(Collectors.toList())).containsExactly(sha);
        }
    }

    @Test
    void evictsLeastRecentlyUsedTreesButNeverLeasedOnes() throws IOException {
        String c1 = repo.write("f", "1").commit("1");
        String c2 = repo.write("f", "2").commit("2");
        String c3 = repo.write("f", "3").commit("3");
        fetch();

        Path p1;
        Path p2;
        Path p3;
        try (RepositoryTree t1 = cache.materialize(repo.url(), c1)) {
            p1 = t1.path();
            try (RepositoryTree t2 = cache.materialize(repo.url(), c2)) {
                p2 = t2.path();
            }
            try (RepositoryTree t3 = cache.materialize(repo.url(), c3)) {
                p3 = t3.path();
                assertThat(p1).exists(); // leased: kept although c1 is the oldest
                assertThat(p2).doesNotExist(); // least recently used unleased tree
                assertThat(cache.materializedTreeCount()).isEqualTo(2);
            }
        }
        // a tree counts as used until its lease is closed: c3 was released before c1
        try (RepositoryTree t2 = cache.materialize(repo.url(), c2)) {
            assertThat(t2.path().resolve("f")).hasContent("2"); // written again after eviction
        }
        assertThat(p3).doesNotExist();
        assertThat(p1.resolve("f")).hasContent("1");
        assertThat(cache.materializedTreeCount()).isEqualTo(2);
    }

    @Test
    void keepsTreesAcrossRestarts() throws IOException {
        String sha = repo.write("f", "1").commit("1");
        fetch();
        Path path;
        try (RepositoryTree tree = cache.materialize(repo.url(), sha)) {
            path = tree.path();
        }
        cache.close();

        cache = new GitRepositoryCache(tmp.resolve("cache"), 2, Duration.ofSeconds(30), EngineLog.NONE);
        assertThat(cache.materializedTreeCount()).isEqualTo(1);
        try (RepositoryTree tree = cache.materialize(repo.url(), sha)) {
            assertThat(tree.path()).isEqualTo(path);
        }
    }

    @Test
    void rejectsSymlinksLeavingTheRepository() {
        String absolute = repo.write("ok.yaml", "a: 1\n").symlink("app/passwd", "/etc/passwd").commit("absolute");
        String relative = repo.delete("app/passwd").symlink("app/up", "../../outside").commit("relative");
        String viaLink = repo.delete("app/up").symlink("app/parent", "..").symlink("app/sneaky", "parent/../x").commit("via link");
        fetch();

        assertThatThrownBy(() -> cache.materialize(repo.url(), absolute))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("symbolic link pointing outside the repository: app/passwd -> /etc/passwd");
        assertThatThrownBy(() -> cache.materialize(repo.url(), relative))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("app/up -> ../../outside")
                .hasMessageContaining(repo.url())
                .hasMessageContaining(relative);
        assertThatThrownBy(() -> cache.materialize(repo.url(), viaLink))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("app/sneaky -> parent/../x");
        assertThat(cache.materializedTreeCount()).isZero();
        assertThat(tmp.resolve("cache/trees").resolve(RepoUrl.of(repo.url()).cacheKey())).isEmptyDirectory();
    }

    @Test
    void unknownCommitIsAClearError() {
        repo.write("f", "1").commit("1");
        fetch();
        String missing = "0123456789abcdef0123456789abcdef01234567";

        assertThatThrownBy(() -> cache.materialize(repo.url(), missing))
                .isInstanceOf(GitSourceException.class)
                .hasMessage("commit " + missing + " not found in repository " + repo.url()
                        + " (fetch first, or it was removed by a force push)");
        assertThatThrownBy(() -> cache.materialize(repo.url(), "main"))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("'main' is not a full commit SHA");
    }

    @Test
    void readsFilesListsThemAndComparesCommits() {
        String first = repo.write("apps/a/cm.yaml", "a: 1\n").write("apps/b/cm.yaml", "b: 1\n").write("README.md", "hi")
                .commit("first");
        String second = repo.write("apps/a/cm.yaml", "a: 2\n").delete("README.md").write("apps/c/new.yaml", "c: 1\n")
                .commit("second");
        fetch();

        assertThat(new String(cache.readFile(repo.url(), first, "apps/a/cm.yaml"), StandardCharsets.UTF_8)).isEqualTo("a: 1\n");
        assertThat(new String(cache.readFile(repo.url(), second, "/apps/a/cm.yaml"), StandardCharsets.UTF_8)).isEqualTo("a: 2\n");
        assertThatThrownBy(() -> cache.readFile(repo.url(), second, "README.md"))
                .isInstanceOf(GitSourceException.class)
                .hasMessage("file 'README.md' does not exist at commit " + second + " of " + repo.url());
        assertThatThrownBy(() -> cache.readFile(repo.url(), second, "apps"))
                .isInstanceOf(GitSourceException.class).hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> cache.readFile(repo.url(), second, "apps/../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(cache.listFiles(repo.url(), second)).containsExactly("apps/a/cm.yaml", "apps/b/cm.yaml", "apps/c/new.yaml");
        assertThat(cache.changedFiles(repo.url(), first, second))
                .containsExactly("README.md", "apps/a/cm.yaml", "apps/c/new.yaml");
        assertThat(cache.changedFiles(repo.url(), second, first))
                .containsExactly("README.md", "apps/a/cm.yaml", "apps/c/new.yaml");
        assertThat(cache.changedFiles(repo.url(), first, first)).isEmpty();
    }

    private void fetch() {
        cache.fetch(repo.url(), RepoCredentials.none());
    }
}
