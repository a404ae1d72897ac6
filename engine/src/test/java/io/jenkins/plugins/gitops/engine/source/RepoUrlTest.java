package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepoUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://github.com/argoproj/argocd-example-apps.git   | https://github.com/argoproj/argocd-example-apps",
        "HTTPS://GitHub.com/ArgoProj/ArgoCD-Example-Apps/      | https://github.com/argoproj/argocd-example-apps",
        "  https://github.com/org/repo  | https://github.com/org/repo",
        "git@github.com:org/repo.git    | git@github.com/org/repo",
        "ssh://git@github.com/org/repo.git | git@github.com/org/repo",
        "https://user:token@github.com/org/repo.git | https://github.com/org/repo",
        "https://ghp_token@github.com/org/repo | https://github.com/org/repo",
    })
    void normalizesLikeArgoCd(String url, String normalized) {
        assertThat(RepoUrl.of(url).normalized()).isEqualTo(normalized);
    }

    @Test
    void equivalentUrlsShareOneCacheKey() {
        RepoUrl a = RepoUrl.of("https://github.com/org/repo.git");
        RepoUrl b = RepoUrl.of("https://deployer:s3cret@GitHub.com/org/repo/");

        assertThat(a.sameRepository(b)).isTrue();
        assertThat(a.cacheKey()).isEqualTo(b.cacheKey()).hasSize(40).matches("[0-9a-f]+");
        assertThat(RepoUrl.of("https://github.com/org/other").cacheKey()).isNotEqualTo(a.cacheKey());
    }

    @Test
    void toStringIsRedacted() {
        assertThat(RepoUrl.of("https://deployer:s3cret@github.com/org/repo")).hasToString("https://***@github.com/org/repo");
    }

    @Test
    void rejectsBlankUrl() {
        assertThatThrownBy(() -> RepoUrl.of(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("repository URL must not be empty");
    }
}
