package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryCacheFetchTest {

    private static final String USER = "deployer";
    private static final String PASSWORD = "s3cr3t-Passw0rd";

    @TempDir
    Path tmp;

    @Test
    void clonesAnonymouslyAndFetchesNewCommits() {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"));
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "app", tmp.resolve("work"));
            String first = repo.write("cm.yaml", "a: 1\n").commit("first");

            assertThat(cache.resolve(repo.url(), RepoCredentials.none(), "main").sha()).isEqualTo(first);

            String second = repo.write("cm.yaml", "a: 2\n").commit("second");
            assertThat(cache.resolve(repo.url(), RepoCredentials.none(), "main").sha()).isEqualTo(second);
            assertThat(cache.fetchCount(repo.url())).isEqualTo(2);
            assertThat(server.fetchCount("app")).isEqualTo(2);
            assertThat(cache.root().resolve("repos").resolve(RepoUrl.of(repo.url()).cacheKey() + ".git")).isDirectory();
        }
    }

    @Test
    void aCommitAlreadyFetchedIsReadWithoutAskingTheServerAndAnUnknownOneIsFetched() {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"));
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "app", tmp.resolve("work"));
            String first = repo.write("cm.yaml", "a: 1\n").commit("first");
            RevisionInfo byBranch = cache.resolve(repo.url(), RepoCredentials.none(), "main");
            assertThat(byBranch.sha()).isEqualTo(first);

            // an automated sync of the compared commit, and the comparison after it: no fetch
            RevisionInfo again = cache.resolve(repo.url(), RepoCredentials.none(), first);
            assertThat(again.sha()).isEqualTo(first);
            assertThat(again.message()).isEqualTo(byBranch.message());
            assertThat(cache.fetchCount(repo.url())).isEqualTo(1);

            // a commit the cache has not seen yet is fetched
            String second = repo.write("cm.yaml", "a: 2\n").commit("second");
            assertThat(cache.resolve(repo.url(), RepoCredentials.none(), second).sha()).isEqualTo(second);
            assertThat(cache.fetchCount(repo.url())).isEqualTo(2);
            assertThat(server.fetchCount("app")).isEqualTo(2);
        }
    }

    @Test
    void aFullShaAlreadyInTheMirrorIsResolvedWithoutFetching_othersStillFetch() {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"));
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "app", tmp.resolve("work"));
            String first = repo.write("cm.yaml", "a: 1\n").commit("first");
            // a SHA the mirror does not have yet (it has no mirror at all): fetched
            assertThat(cache.resolve(repo.url(), RepoCredentials.none(), first).sha()).isEqualTo(first);
            assertThat(server.fetchCount("app")).isEqualTo(1);

            String second = repo.write("cm.yaml", "a: 2\n").commit("second");
            // the commit is there: no fetch, however often it is asked for (e.g. a page showing its desired state)
            for (int i = 0; i < 3; i++) {
                assertThat(cache.resolve(repo.url(), RepoCredentials.none(), first).sha()).isEqualTo(first);
            }
            assertThat(server.fetchCount("app")).isEqualTo(1);
            assertThat(cache.fetchCount(repo.url())).isEqualTo(1);
            // a new commit, an abbreviated SHA and a branch are fetched as before
            assertThat(cache.resolve(repo.url(), RepoCredentials.none(), second).sha()).isEqualTo(second);
            assertThat(server.fetchCount("app")).isEqualTo(2);
            assertThat(cache.resolve(repo.url(), RepoCredentials.none(), first.substring(0, 12)).sha())
                    .isEqualTo(first);
            assertThat(server.fetchCount("app")).isEqualTo(3);
            assertThat(cache.resolve(repo.url(), RepoCredentials.none(), "main").sha()).isEqualTo(second);
            assertThat(server.fetchCount("app")).isEqualTo(4);
        }
    }

    @Test
    void prunesDeletedTags() {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"));
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "app", tmp.resolve("work"));
            repo.write("a", "1").commit("first");
            repo.tag("v1.0.0");
            assertThat(cache.resolve(repo.url(), RepoCredentials.none(), "v1.0.0").ref()).isEqualTo("refs/tags/v1.0.0");

            repo.deleteTag("v1.0.0");
            assertThatThrownBy(() -> cache.resolve(repo.url(), RepoCredentials.none(), "v1.0.0"))
                    .isInstanceOf(GitSourceException.class)
                    .hasMessageContaining("v1.0.0");
        }
    }

    @Test
    void clonesWithPasswordAndWithToken() {
        try (GitHttpServer server = GitHttpServer.startWithBasicAuth(tmp.resolve("srv"), USER, PASSWORD);
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "private", tmp.resolve("work"));
            String sha = repo.write("a", "1").commit("first");

            assertThat(cache.resolve(repo.url(), RepoCredentials.password(USER, PASSWORD), "HEAD").sha()).isEqualTo(sha);
            assertThat(cache.resolve(repo.url(), RepoCredentials.token(USER, PASSWORD), "HEAD").sha()).isEqualTo(sha);
        }
    }

    @Test
    void tokenWithoutUsernameIsSentAsXAccessToken() {
        try (GitHttpServer server = GitHttpServer.startWithBasicAuth(tmp.resolve("srv"), "x-access-token", "ghs_token123");
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "private", tmp.resolve("work"));
            String sha = repo.write("a", "1").commit("first");

            assertThat(cache.resolve(repo.url(), RepoCredentials.token("ghs_token123"), "main").sha()).isEqualTo(sha);
        }
    }

    @Test
    void missingCredentialsGiveAClearError() {
        try (GitHttpServer server = GitHttpServer.startWithBasicAuth(tmp.resolve("srv"), USER, PASSWORD);
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "private", tmp.resolve("work"));
            repo.write("a", "1").commit("first");

            assertThatThrownBy(() -> cache.fetch(repo.url(), RepoCredentials.none()))
                    .isInstanceOf(GitSourceException.class)
                    .hasMessageContaining("fetch of " + repo.url() + " failed")
                    .hasMessageContaining("uthentication");
        }
    }

    @Test
    void wrongPasswordGivesAClearErrorWithoutThePassword() {
        try (GitHttpServer server = GitHttpServer.startWithBasicAuth(tmp.resolve("srv"), USER, PASSWORD);
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "private", tmp.resolve("work"));
            repo.write("a", "1").commit("first");
            String wrong = "wrong-Passw0rd-42";
            String urlWithUserInfo = repo.url().replace("http://", "http://" + USER + ":" + wrong + "@");

            assertThatThrownBy(() -> cache.fetch(urlWithUserInfo, RepoCredentials.password(USER, wrong)))
                    .isInstanceOf(GitSourceException.class)
                    .hasMessageContaining("fetch of http://***@127.0.0.1")
                    .hasMessageContaining("not authorized")
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(wrong));
        }
    }

    @Test
    void fetchesOncePerRefreshCycleAcrossManyThreads() throws Exception {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"));
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "shared", tmp.resolve("work"));
            String sha = repo.write("a", "1").commit("first");
            RefreshCycle cycle = RefreshCycle.begin();

            List<String> resolved = runConcurrently(16,
                    () -> cache.resolve(repo.url(), RepoCredentials.none(), "main", cycle).sha());

            assertThat(resolved).hasSize(16).containsOnly(sha);
            assertThat(cache.fetchCount(repo.url())).isEqualTo(1);
            assertThat(server.fetchCount("shared")).isEqualTo(1);

            cache.resolve(repo.url(), RepoCredentials.none(), "main", RefreshCycle.begin());
            assertThat(cache.fetchCount(repo.url())).isEqualTo(2);
        }
    }

    @Test
    void aFailedFetchIsNotRetriedWithinTheCycle() {
        try (GitHttpServer server = GitHttpServer.startWithBasicAuth(tmp.resolve("srv"), USER, PASSWORD);
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            TestRepo repo = TestRepos.create(server, "private", tmp.resolve("work"));
            repo.write("a", "1").commit("first");
            RefreshCycle cycle = RefreshCycle.begin();

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> cache.fetch(repo.url(), RepoCredentials.none(), cycle))
                        .isInstanceOf(GitSourceException.class);
            }
            assertThat(cache.fetchCount(repo.url())).isEqualTo(1);
            cache.fetch(repo.url(), RepoCredentials.password(USER, PASSWORD), RefreshCycle.begin());
            assertThat(cache.fetchCount(repo.url())).isEqualTo(2);
        }
    }

    @Test
    void unknownRepositoryNamesTheUrl() {
        try (GitHttpServer server = GitHttpServer.start(tmp.resolve("srv"));
                GitRepositoryCache cache = new GitRepositoryCache(tmp.resolve("cache"))) {
            String url = server.url("missing");
            assertThatThrownBy(() -> cache.fetch(url, RepoCredentials.none()))
                    .isInstanceOf(GitSourceException.class)
                    .hasMessageStartingWith("fetch of " + url + " failed");
        }
    }

    static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                tasks.add(task);
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
