package io.jenkins.plugins.gitops.engine.imageupdate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.RepoCredentialLookup;
import io.jenkins.plugins.gitops.engine.RepoCredentialSpec;
import io.jenkins.plugins.gitops.engine.history.FileStateStore;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.TestRegistry;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole write-back path on real parts: a distribution registry on loopback, a Git server over smart HTTP with
 * basic auth (push included), kustomize rendering through the engine.
 */
class ImageUpdaterGitTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path tmp;

    GitHttpServer git;
    TestRepo repo;
    TestRegistry registry;
    GitOpsEngine engine;
    List<RepoCredentialSpec> repoCreds;

    @BeforeEach
    void setUp() {
        registry = TestRegistry.start(tmp.resolve("registry"));
        registry.push("team/web", "1.0.0", T0);
        registry.push("team/web", "1.1.0", T0.plusSeconds(60));
        registry.push("team/web", "2.0.0", T0.plusSeconds(120));
        git = GitHttpServer.startWithBasicAuth(tmp.resolve("git"), "writer", "pw");
        repo = TestRepos.create(git, "deploy", tmp.resolve("work"));
        repo.write("apps/web/kustomization.yaml", "resources: [deployment.yaml]\n")
                .write("apps/web/deployment.yaml", deployment(registry.host() + "/team/web:1.0.0"))
                .write("charts/web/values.yaml", "image:\n  repository: " + registry.host() + "/team/web\n"
                        + "  tag: 1.0.0\nreplicas: 1\n")
                .commit("initial");
        repoCreds = List.of(RepoCredentialSpec.https(git.baseUrl(), "writer", "pw"));
        engine = GitOpsEngine.builder().workDir(tmp.resolve("engine")).stateStore(new FileStateStore(tmp.resolve("state")))
                .repoCredentials(repoCreds).build();
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        if (git != null) {
            git.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static String deployment(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: web, image: '%s'}
                """.formatted(image);
    }

    Application app(String path, String extraAnnotations) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web
                  annotations:
                    argocd-image-updater.argoproj.io/image-list: 'web=%s/team/web:~1'
                    argocd-image-updater.argoproj.io/write-back-method: git
                %s
                spec:
                  source: {repoURL: '%s', path: %s, targetRevision: main}
                  destination: {server: 'https://kubernetes.default.svc', namespace: demo}
                """.formatted(registry.host(), extraAnnotations.indent(4).stripTrailing(), repo.url(), path), "web.yaml");
    }

    ImageUpdater updater(CurrentImages current) {
        RepoCredentialLookup lookup = new RepoCredentialLookup(repoCreds);
        return new ImageUpdater(ImageUpdater.Settings.defaults(tmp.resolve("updater"), List.of()), lookup::forUrl,
                current, null, Clock.systemUTC(), EngineLog.NONE);
    }

    CurrentImages rendered() {
        return CurrentImages.rendered(a -> engine.render(a, null, null));
    }

    @Test
    void writesTheArgoSourceOverrideFileAndTheEngineRendersTheNewTag() throws Exception {
        Application app = app("apps/web", "");
        String before = remoteHead();

        AppUpdateResult dry = updater(rendered()).run(List.of(app), true).get(0);
        assertThat(dry.changeLines()).containsExactly(registry.host() + "/team/web 1.0.0 -> 1.1.0");
        assertThat(remoteHead()).as("dry run writes nothing").isEqualTo(before);

        AppUpdateResult r = updater(rendered()).run(List.of(app), false).get(0);
        assertThat(r.error()).isEmpty();
        assertThat(r.commit()).isNotEmpty().isEqualTo(remoteHead());
        assertThat(r.images()).singleElement().satisfies(s -> {
            assertThat(s.current()).isEqualTo("1.0.0");
            assertThat(s.newest()).isEqualTo("1.1.0");
        });
        RevCommit commit = remoteCommit();
        assertThat(commit.getFullMessage()).isEqualTo("Image update of web: " + registry.host()
                + "/team/web 1.0.0 -> 1.1.0\n\nupdates image " + registry.host() + "/team/web tag '1.0.0' to '1.1.0'\n");
        assertThat(remoteFile("apps/web/.argocd-source-web.yaml")).isEqualTo(
                "kustomize:\n  images:\n  - " + registry.host() + "/team/web:1.1.0\n");

        List<String> images = rendered().images(app);
        assertThat(images).containsExactly(registry.host() + "/team/web:1.1.0");

        AppUpdateResult again = updater(rendered()).run(List.of(app), false).get(0);
        assertThat(again.changes()).isEmpty();
        assertThat(again.images().get(0).message()).isEqualTo("up to date");
        assertThat(remoteHead()).isEqualTo(r.commit());
    }

    @Test
    void writesTheKustomizationOrTheHelmValuesFileOnATargetBranch() throws Exception {
        Application k = app("apps/web", "argocd-image-updater.argoproj.io/write-back-target: kustomization");
        AppUpdateResult r = updater(rendered()).run(List.of(k), false).get(0);
        assertThat(r.error()).isEmpty();
        assertThat(remoteFile("apps/web/kustomization.yaml")).isEqualTo("resources: [deployment.yaml]\nimages:\n"
                + "- name: " + registry.host() + "/team/web\n  newTag: 1.1.0\n");

        Application h = app("charts/web", """
                argocd-image-updater.argoproj.io/write-back-target: helmvalues:values.yaml
                argocd-image-updater.argoproj.io/web.helm.image-name: image.repository
                argocd-image-updater.argoproj.io/web.helm.image-tag: image.tag
                argocd-image-updater.argoproj.io/git-branch: main:image-updates""");
        AppUpdateResult hr = updater(a -> List.of(registry.host() + "/team/web:1.0.0")).run(List.of(h), false).get(0);
        assertThat(hr.error()).isEmpty();
        assertThat(hr.writeBack()).endsWith("main:image-updates charts/web/values.yaml");
        assertThat(remoteFile("image-updates", "charts/web/values.yaml")).isEqualTo(
                "image:\n  repository: " + registry.host() + "/team/web\n  tag: 1.1.0\nreplicas: 1\n");
        assertThat(remoteFile("charts/web/values.yaml")).as("main untouched").contains("tag: 1.0.0");
    }

    @Test
    void aRegistryErrorCommitsNothingAndSaysWhy() throws Exception {
        String before = remoteHead();
        Application app = app("apps/web", "argocd-image-updater.argoproj.io/web.allow-tags: regexp:^1\\.")
                .withSourcePath("apps/web");
        registry.close();
        AppUpdateResult r = updater(rendered()).run(List.of(app), false).get(0);
        assertThat(r.failed()).isTrue();
        assertThat(r.error()).contains("registry " + registry.host() + " is unreachable");
        assertThat(r.images().get(0).message()).isEqualTo(r.error());
        assertThat(remoteHead()).isEqualTo(before);
    }

    @Test
    void aRejectedPushIsRetriedOnTheNewTip() throws Exception {
        RepoCredentialLookup lookup = new RepoCredentialLookup(repoCreds);
        GitWriteBack writer = new GitWriteBack(tmp.resolve("wb"), lookup::forUrl, java.time.Duration.ofSeconds(30),
                "bot", "bot@example.com", 3);
        AtomicInteger calls = new AtomicInteger();
        String sha = writer.commit(repo.url(), "main", "", "bump", root -> {
            if (calls.incrementAndGet() == 1) {
                repo.write("other.txt", "someone else\n").commit("concurrent change");
            }
            return Map.of("apps/web/x.txt", "mine " + Files.exists(root.resolve("other.txt")) + "\n");
        }).orElseThrow();
        assertThat(calls).hasValue(2);
        assertThat(sha).isEqualTo(remoteHead());
        assertThat(remoteFile("apps/web/x.txt")).isEqualTo("mine true\n");
        assertThat(remoteCommit().getParent(0).getShortMessage()).isEqualTo("concurrent change");
    }

    String remoteHead() throws Exception {
        return remoteCommit().getName();
    }

    RevCommit remoteCommit() throws Exception {
        try (Git bare = Git.open(git.repositoryDir("deploy").toFile())) {
            return bare.log().add(bare.getRepository().resolve("refs/heads/main")).setMaxCount(1).call().iterator().next();
        }
    }

    String remoteFile(String path) throws Exception {
        return remoteFile("main", path);
    }

    String remoteFile(String branch, String path) throws Exception {
        try (Git bare = Git.open(git.repositoryDir("deploy").toFile());
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(bare.getRepository())) {
            RevCommit c = walk.parseCommit(bare.getRepository().resolve("refs/heads/" + branch));
            try (org.eclipse.jgit.treewalk.TreeWalk tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(
                    bare.getRepository(), path, c.getTree())) {
                if (tw == null) {
                    return null;
                }
                return new String(bare.getRepository().open(tw.getObjectId(0)).getBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }
}
