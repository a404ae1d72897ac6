package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every targetRevision form against one repository served over HTTP. History (tags in brackets):
 *
 * <pre>
 * main:    c1 [v1.0.0, dup(tag)] - c2 [v1.1.0 annotated] - c3 [1.2.0, v1.2.1-rc.1] - c4 [v1.3, v2.0.0-beta.1, release-candidate]
 * feature: c2 - c5 = refs/pull/1/head
 * dup:     branch at c3 (a branch wins over the same-named tag, as in Argo CD)
 * </pre>
 */
class RevisionResolutionTest {

    @TempDir
    static Path tmp;

    private static GitHttpServer server;
    private static GitRepositoryCache cache;
    private static TestRepo repo;
    private static final Map<String, String> COMMITS = new HashMap<>();

    @BeforeAll
    static void createHistory() {
        server = GitHttpServer.start(tmp.resolve("srv"));
        cache = new GitRepositoryCache(tmp.resolve("cache"));
        repo = TestRepos.create(server, "revisions", tmp.resolve("work"));
        COMMITS.put("c1", repo.write("app/cm.yaml", "v: 1\n").commit("first\n\nwith a body"));
        repo.tag("v1.0.0").tag("dup");
        COMMITS.put("c2", repo.write("app/cm.yaml", "v: 2\n").commit("second"));
        repo.tag("v1.1.0", "release 1.1.0");
        COMMITS.put("c3", repo.write("app/cm.yaml", "v: 3\n").commit("third"));
        repo.tag("1.2.0").tag("v1.2.1-rc.1");
        repo.branch("dup").branch("main");
        COMMITS.put("c4", repo.write("app/cm.yaml", "v: 4\n").commit("fourth"));
        repo.tag("v1.3").tag("v2.0.0-beta.1").tag("release-candidate");
        repo.branch("feature");
        COMMITS.put("c5", repo.write("app/extra.yaml", "x: 1\n").commit("feature work"));
        repo.pushTo("refs/pull/1/head");
    }

    @AfterAll
    static void stop() {
        cache.close();
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1} via {2}")
    @CsvSource(nullValues = "none", value = {
        // branches, HEAD and fully qualified refs
        "main,                 c4, refs/heads/main",
        "feature,              c5, refs/heads/feature",
        "HEAD,                 c4, refs/heads/main",
        "'',                   c4, refs/heads/main",
        "refs/heads/feature,   c5, refs/heads/feature",
        "refs/tags/v1.0.0,     c1, refs/tags/v1.0.0",
        "refs/pull/1/head,     c5, refs/pull/1/head",
        "dup,                  c3, refs/heads/dup",
        // tags: lightweight, annotated (peeled to the commit), pinned versions are tag names
        "v1.0.0,               c1, refs/tags/v1.0.0",
        "v1.1.0,               c2, refs/tags/v1.1.0",
        "1.2.0,                c3, refs/tags/1.2.0",
        "v1.3,                 c4, refs/tags/v1.3",
        "release-candidate,    c4, refs/tags/release-candidate",
        // semver constraints over tags, with and without v prefixes
        "1.2.*,                c3, refs/tags/1.2.0",
        "v1.2.*,               c3, refs/tags/1.2.0",
        "'>=1.0.0 <2.0.0',     c4, refs/tags/v1.3",
        "'>= 1.0, < 1.2',      c2, refs/tags/v1.1.0",
        "~1.1,                 c2, refs/tags/v1.1.0",
        "^1.0,                 c4, refs/tags/v1.3",
        "'<1.1 || ~1.2',       c3, refs/tags/1.2.0",
        "1.x,                  c4, refs/tags/v1.3",
        "'*',                  c4, refs/tags/v1.3",
        // pre-releases only when the constraint carries one
        "*-0,                  c4, refs/tags/v2.0.0-beta.1",
        ">=1.2.1-0,            c4, refs/tags/v2.0.0-beta.1",
        "'>=1.2.1-0 <1.3.0-0', c3, refs/tags/v1.2.1-rc.1",
        "~1.2.1-0,             c3, refs/tags/v1.2.1-rc.1",
    })
    void resolvesLikeArgoCd(String revision, String commit, String ref) {
        RevisionInfo info = cache.resolve(repo.url(), RepoCredentials.none(), revision);

        assertThat(info.sha()).as("sha of %s", revision).isEqualTo(COMMITS.get(commit));
        assertThat(info.ref()).isEqualTo(ref);
    }

    @Test
    void resolvesFullAndAbbreviatedShas() {
        String c2 = COMMITS.get("c2");
        assertThat(cache.resolve(repo.url(), RepoCredentials.none(), c2).sha()).isEqualTo(c2);
        assertThat(cache.resolve(repo.url(), RepoCredentials.none(), c2.toUpperCase(Locale.ROOT)).sha()).isEqualTo(c2);
        RevisionInfo abbreviated = cache.resolve(repo.url(), RepoCredentials.none(), c2.substring(0, 8));
        assertThat(abbreviated.sha()).isEqualTo(c2);
        assertThat(abbreviated.ref()).isEmpty();
    }

    @Test
    void unknownRevisionNamesRepositoryAndRevision() {
        assertThatThrownBy(() -> cache.resolve(repo.url(), RepoCredentials.none(), "no-such-branch"))
                .isInstanceOf(GitSourceException.class)
                .hasMessage("cannot resolve revision 'no-such-branch' in repository " + repo.url()
                        + ": no branch, tag or commit of that name");
    }

    @Test
    void unmatchedConstraintSaysSo() {
        assertThatThrownBy(() -> cache.resolve(repo.url(), RepoCredentials.none(), ">=3.0.0"))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining("'>=3.0.0'")
                .hasMessageContaining("no tag matches semver constraint");
    }

    @Test
    void missingFullShaIsReported() {
        String missing = "0123456789abcdef0123456789abcdef01234567";
        assertThatThrownBy(() -> cache.resolve(repo.url(), RepoCredentials.none(), missing))
                .isInstanceOf(GitSourceException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("commit not found");
    }

    @Test
    void revisionInfoCarriesCommitMetadata() {
        RevisionInfo info = cache.resolve(repo.url(), RepoCredentials.none(), "v1.0.0");

        assertThat(info.authorName()).isEqualTo(TestRepo.AUTHOR_NAME);
        assertThat(info.authorEmail()).isEqualTo(TestRepo.AUTHOR_EMAIL);
        assertThat(info.date()).isEqualTo(TestRepo.FIRST_COMMIT_DATE);
        assertThat(info.message()).isEqualTo("first\n\nwith a body");
        assertThat(info.messageFirstLine()).isEqualTo("first");
        assertThat(info.tags()).containsExactly("dup", "v1.0.0");
        assertThat(info.refShortName()).isEqualTo("v1.0.0");
        assertThat(cache.revisionInfo(repo.url(), info.sha())).isEqualTo(info.withRef(""));
    }
}
