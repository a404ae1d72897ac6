package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resolution rules over a fixed ref table, without Git; {@link RevisionResolutionTest} covers a real repository. */
class RevisionResolverTest {

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);
    private static final RepoUrl URL = RepoUrl.of("https://user:t0ken-secret@git.example.com/org/repo.git");
    private static final RefTable REFS = new RefTable(Map.of(
            "refs/tags/stable", B,
            "refs/heads/stable", A,
            "refs/heads/main", C,
            "refs/remotes/origin/old", B,
            "refs/pull/7/head", B), "refs/heads/main");

    private final RevisionResolver resolver = new RevisionResolver(URL, REFS, prefix -> Optional.empty());

    @ParameterizedTest
    @CsvSource({
        "refs/heads/main, main",
        "refs/tags/v1.2.0, v1.2.0",
        "refs/remotes/origin/main, origin/main",
        "refs/pull/1/head, pull/1/head",
        "HEAD, HEAD",
    })
    void shortNamesFollowGoGit(String full, String shortName) {
        assertThat(RefTable.shortName(full)).isEqualTo(shortName);
    }

    @Test
    void branchWinsOverTagOfTheSameName() {
        assertThat(resolver.resolve("stable")).isEqualTo(new RevisionResolver.Resolution(A, "refs/heads/stable"));
        assertThat(resolver.resolve("refs/tags/stable")).isEqualTo(new RevisionResolver.Resolution(B, "refs/tags/stable"));
    }

    @Test
    void shortNamesOfOtherRefsResolve() {
        assertThat(resolver.resolve("pull/7/head").ref()).isEqualTo("refs/pull/7/head");
        assertThat(resolver.resolve("origin/old").sha()).isEqualTo(B);
    }

    @Test
    void emptyAndHeadFollowTheDefaultBranch() {
        assertThat(resolver.resolve(null)).isEqualTo(new RevisionResolver.Resolution(C, "refs/heads/main"));
        assertThat(resolver.resolve("  ")).isEqualTo(new RevisionResolver.Resolution(C, "refs/heads/main"));
    }

    @Test
    void unknownHeadIsAnError() {
        RevisionResolver noHead = new RevisionResolver(URL, new RefTable(Map.of("refs/heads/x", A), null), p -> Optional.empty());

        assertThatThrownBy(() -> noHead.resolve("HEAD"))
                .isInstanceOf(GitSourceException.class)
                .hasMessage("cannot resolve revision 'HEAD' in repository https://***@git.example.com/org/repo.git:"
                        + " no branch, tag or commit of that name");
    }

    @Test
    void abbreviatedShasAreLookedUpOnlyAfterRefNames() {
        RevisionResolver lookup = new RevisionResolver(URL, new RefTable(Map.of("refs/heads/abcdef1", A), null),
                prefix -> prefix.equals("abcdef12") ? Optional.of(B) : Optional.empty());

        assertThat(lookup.resolve("abcdef1").sha()).isEqualTo(A); // a branch named like a SHA wins
        assertThat(lookup.resolve("ABCDEF12")).isEqualTo(new RevisionResolver.Resolution(B, ""));
        assertThatThrownBy(() -> lookup.resolve("abcdef"))
                .hasMessageContaining("'abcdef'"); // 6 digits are not a SHA
    }
}
