package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.source.RepoUrl;
import io.jenkins.plugins.gitops.engine.testing.GitOpsFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories on the engine's own disk ({@code file://} URLs and paths): allowed by default (the CLI reads what its
 * user may read anyway), refused everywhere Git is read when {@code allowLocalRepositories(false)} (the Jenkins
 * plugin's default, as the Git plugin's SECURITY-2478 fix): application sources, ApplicationSet git generators.
 * Nothing is applied when refused.
 */
class LocalRepositoryPolicyTest {

    static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local-cm\ndata: {a: b}\n";

    @TempDir
    Path dir;

    GitOpsFixture fx;

    @BeforeEach
    void setUp() {
        fx = new GitOpsFixture(dir);
        fx.repo.write("app/cm.yaml", CM).commit("cm");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void localFormsAreRecognisedAndRemoteOnesAreNot() {
        for (String local : List.of("file:///srv/git/repo.git", "FILE:///x", "file:repo", "/var/lib/jenkins/secrets",
                "./repo", "../other", "~/repo", "repo", "C:\\repos\\x", "C:/repos/x", "\\\\server\\share\\repo")) {
            assertThat(RepoUrl.of(local).isLocal()).as(local).isTrue();
        }
        for (String remote : List.of("https://github.com/org/repo.git", "http://git.example.com/r",
                "ssh://git@github.com/org/repo", "git@github.com:org/repo.git", "github.com:org/repo",
                "git://example.com/repo")) {
            assertThat(RepoUrl.of(remote).isLocal()).as(remote).isFalse();
        }
    }

    @Test
    void localRepositoriesAreReadByDefault() {
        try (GitOpsEngine engine = fx.engine().build()) {
            assertThat(engine.render(app("file://" + fx.repo.workDir()), null, null))
                    .extracting(o -> o.name()).containsExactly("local-cm");
        }
    }

    @Test
    void fileUrlsAndPathsAreRefusedWhenNotAllowedAndNothingIsApplied() {
        try (GitOpsEngine engine = fx.engine().allowLocalRepositories(false).build()) {
            for (String url : List.of("file://" + fx.repo.workDir(), fx.repo.workDir().toString(),
                    "file://" + fx.repo.workDir() + "/.git")) {
                SyncOutcome out = engine.sync(app(url), SyncRequest.manual("test"), EngineLog.NONE);
                assertThat(out.succeeded()).as(url).isFalse();
                assertThat(out.message()).contains("is on the local disk")
                        .contains("io.jenkins.plugins.gitops.allowLocalRepositories");
                assertThat(engine.compare(app(url), null, null).error()).contains("is on the local disk");
            }
            assertThat(fx.cluster.writes()).isEmpty();
            // remote repositories still work
            assertThat(engine.sync(app(fx.repo.url()), SyncRequest.manual("test"), EngineLog.NONE).succeeded())
                    .isTrue();
        }
    }

    @Test
    void applicationSetGitGeneratorsCannotReachLocalRepositoriesEither() {
        ApplicationSet set = ArgoDocuments.parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: local}
                spec:
                  generators:
                    - git:
                        repoURL: file://%s
                        revision: HEAD
                        directories: [{path: '*'}]
                  template:
                    metadata: {name: '{{path.basename}}'}
                    spec:
                      project: default
                      source: {repoURL: 'file://%s', path: '{{path}}'}
                      destination: {server: 'https://kubernetes.default.svc', namespace: local}
                """.formatted(fx.repo.workDir(), fx.repo.workDir()), "set.yaml").applicationSets().get(0);
        try (GitOpsEngine engine = fx.engine().allowLocalRepositories(false).build()) {
            assertThatThrownBy(() -> engine.generate(set)).hasMessageContaining("is on the local disk");
        }
        try (GitOpsEngine engine = fx.engine().build()) {
            assertThat(engine.generate(set).list()).extracting(Application::name).containsExactly("app");
        }
    }

    private Application app(String url) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: local}
                spec:
                  source: {repoURL: '%s', path: app, targetRevision: HEAD}
                  destination: {server: 'https://kubernetes.default.svc', namespace: local}
                  syncPolicy:
                    syncOptions: [ServerSideApply=false, CreateNamespace=true]
                """.formatted(url), "local.yaml");
    }
}
