package io.jenkins.plugins.gitops.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void starStopsAtSeparatorsButDoubleStarDoesNot() {
        assertThat(Glob.compile("https://github.com/org/*", "/").matches("https://github.com/org/repo")).isTrue();
        assertThat(Glob.compile("https://github.com/org/*", "/").matches("https://github.com/org/a/b")).isFalse();
        assertThat(Glob.compile("https://github.com/org/**", "/").matches("https://github.com/org/a/b")).isTrue();
        assertThat(Glob.compile("team-*", "").matches("team-a/b")).isTrue();
    }

    @Test
    void classesAlternativesAndEscapes() {
        assertThat(Glob.matches("app-[0-9]", "app-7")).isTrue();
        assertThat(Glob.matches("app-[!0-9]", "app-7")).isFalse();
        assertThat(Glob.matches("{dev,stage}-*", "stage-eu")).isTrue();
        assertThat(Glob.matches("{dev,stage}-*", "prod-eu")).isFalse();
        assertThat(Glob.matches("a\\*b", "a*b")).isTrue();
        assertThat(Glob.matches("a\\*b", "axb")).isFalse();
        assertThat(Glob.matches("v1.?", "v1.2")).isTrue();
        assertThat(Glob.matches("v1.?", "v1x2")).isFalse();
        assertThat(Glob.matches("", "")).isTrue();
        assertThat(Glob.matches("", "x")).isFalse();
    }

    @Test
    void malformedPatternIsNamedOnCompileAndMatchesNothingOneOff() {
        assertThatThrownBy(() -> Glob.compile("app-[abc", ""))
                .hasMessage("invalid glob pattern 'app-[abc': unclosed '['");
        assertThatThrownBy(() -> Glob.compile("{a,b", "")).hasMessageContaining("unclosed '{'");
        assertThat(Glob.matches("app-[abc", "app-a")).isFalse();
    }

    @Test
    void repoUrlsAreNormalisedAsArgoCd() {
        assertThat(RepoUrls.normalize(" https://GitHub.com/Org/Repo.git ")).isEqualTo("https://github.com/org/repo");
        assertThat(RepoUrls.normalize("git@github.com:org/repo.git")).isEqualTo("git@github.com/org/repo");
        assertThat(RepoUrls.normalize("ssh://git@github.com/org/repo")).isEqualTo("git@github.com/org/repo");
    }
}
