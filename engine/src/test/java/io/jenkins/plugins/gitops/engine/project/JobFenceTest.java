package io.jenkins.plugins.gitops.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The job fence over the table in {@code project/job-fence.txt}: who may deploy with which project to which cluster. */
class JobFenceTest {

    static final JobFence FENCE = JobFence.of(ArgoDocuments.parse("""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata:
              name: payments
              annotations:
                gitops-sync.jenkins.io/allowed-jobs: |
                  payments/**
                  release/deploy-*
            spec:
              sourceRepos: ['*']
              destinations: [{server: '*', namespace: '*'}]
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata: {name: open}
            spec:
              sourceRepos: ['*']
              destinations: [{server: '*', namespace: '*'}]
            """, "projects.yaml").projects(), Map.of("prod", List.of("release/**")));

    static Stream<Arguments> table() throws IOException {
        try (InputStream in = JobFenceTest.class.getResourceAsStream("/project/job-fence.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\\|", -1))
                    .map(f -> Arguments.of(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip()))
                    .toList().stream();
        }
    }

    static Application app(String project, String cluster) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  %s
                  source: {repoURL: https://git.example.com/deploy.git, path: web}
                  destination: {name: %s, namespace: web}
                """.formatted(project.isEmpty() ? "" : "project: " + project, cluster), "web.yaml");
    }

    @ParameterizedTest(name = "{0} with {1} to {2}: {3}")
    @MethodSource("table")
    void decidesAsTheTableSays(String job, String project, String cluster, String expected) {
        Optional<String> denial = FENCE.denial(job, app(project, cluster));
        if (expected.equals("allowed")) {
            assertThat(denial).isEmpty();
        } else {
            assertThat(denial).hasValueSatisfying(d -> assertThat(d).contains(expected).contains(job));
        }
    }

    @Test
    void withoutRulesEveryJobMayDeploy() {
        assertThat(JobFence.of(List.of(AppProject.permissiveDefault()), Map.of())).isSameAs(JobFence.NONE);
        assertThat(JobFence.NONE.denial("anyone", app("payments", "prod"))).isEmpty();
    }

    @Test
    void aMalformedPatternNamesItsProject() {
        AppProject bad = new AppProject("broken", List.of("*"), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), "p.yaml", List.of("team-[a"));
        assertThatThrownBy(() -> JobFence.of(List.of(bad), Map.of()))
                .hasMessageContaining("AppProject broken").hasMessageContaining("team-[a");
    }

    @Test
    void aClosedFenceRefusesEveryJobAndSaysWhy() {
        JobFence closed = JobFence.closed("AppProject broken: allowed job pattern 'team-[a' is malformed");
        assertThat(closed.isEmpty()).isFalse();
        assertThat(closed.denial("payments/deploy", app("open", "dev"))).hasValueSatisfying(d ->
                assertThat(d).contains("payments/deploy").contains("team-[a"));
    }
}
