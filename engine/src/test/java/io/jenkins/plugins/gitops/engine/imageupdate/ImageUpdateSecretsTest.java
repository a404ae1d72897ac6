package io.jenkins.plugins.gitops.engine.imageupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.source.RepoCredentials;
import io.jenkins.plugins.gitops.engine.testing.GitHttpServer;
import io.jenkins.plugins.gitops.engine.testing.HarnessCluster;
import io.jenkins.plugins.gitops.engine.testing.TestRegistry;
import io.jenkins.plugins.gitops.engine.testing.TestRepo;
import io.jenkins.plugins.gitops.engine.testing.TestRepos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials from Kubernetes secrets on the harness's real API server: an image's {@code pull-secret}
 * ({@code pullsecret:} a dockerconfigjson secret, {@code secret:...#field}) against a registry behind htpasswd basic
 * auth, and {@code write-back-method: git:secret:} pushing to a Git server that accepts only those credentials (the
 * updater itself has no repository credentials). Secret values never appear in results.
 */
class ImageUpdateSecretsTest {

    static final String REGISTRY_PASSWORD = "pull-Pa55-9f2";
    static final String GIT_PASSWORD = "push-Pa55-c41";

    @TempDir
    Path tmp;

    @Test
    void pullSecretsAndGitSecretsAreReadFromTheClusterAndNeverShown() throws Exception {
        HarnessCluster cluster = HarnessCluster.get();
        KubernetesClient kube = cluster.client();
        String ns = cluster.freshNamespace("imgsec");
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("registry"), "robot", REGISTRY_PASSWORD);
                GitHttpServer git = GitHttpServer.startWithBasicAuth(tmp.resolve("git"), "writer", GIT_PASSWORD)) {
            registry.push("team/web", "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));
            registry.push("team/web", "1.1.0", Instant.parse("2026-01-02T00:00:00Z"));
            TestRepo repo = TestRepos.create(git, "deploy", tmp.resolve("work"));
            repo.write("apps/web/kustomization.yaml", "# web\nresources: [deployment.yaml]  # the app\n")
                    .write("apps/api/values.yaml", "image:\n  tag: 1.0.0 # api\n")
                    .commit("initial");
            String auth = Base64.getEncoder().encodeToString(("robot:" + REGISTRY_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            secret(kube, ns, "regcred", "kubernetes.io/dockerconfigjson", Map.of(".dockerconfigjson",
                    "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}"));
            secret(kube, ns, "plain", "Opaque", Map.of("creds", "robot:" + REGISTRY_PASSWORD + "\n"));
            secret(kube, ns, "wrong", "Opaque", Map.of("creds", "robot:not-the-password"));
            secret(kube, ns, "git-creds", "Opaque", Map.of("username", "writer", "password", GIT_PASSWORD));

            ImageUpdater updater = new ImageUpdater(ImageUpdater.Settings.defaults(tmp.resolve("upd"), List.of()),
                    url -> RepoCredentials.none(), a -> List.of(registry.host() + "/team/web:1.0.0"), null,
                    Clock.systemUTC(), EngineLog.NONE).withSecrets(SecretSource.of(kube), Map.<String, String>of()::get);

            Application web = app("web", ns, registry.host(), repo.url(), "apps/web", """
                    argocd-image-updater.argoproj.io/web.pull-secret: pullsecret:%s/regcred
                    argocd-image-updater.argoproj.io/write-back-method: git:secret:%s/git-creds
                    argocd-image-updater.argoproj.io/write-back-target: kustomization""".formatted(ns, ns));
            Application api = app("api", ns, registry.host(), repo.url(), "apps/api", """
                    argocd-image-updater.argoproj.io/web.pull-secret: secret:%s/plain#creds
                    argocd-image-updater.argoproj.io/write-back-method: git:secret:git-creds
                    argocd-image-updater.argoproj.io/write-back-target: helmvalues:values.yaml""".formatted(ns));
            List<AppUpdateResult> results = updater.run(List.of(web, api), false);
            assertThat(results).allSatisfy(r -> assertThat(r.error()).isEmpty());
            assertThat(results).allSatisfy(r -> assertThat(r.commit()).isNotEmpty());
            assertThat(remoteFile(git, "apps/web/kustomization.yaml")).isEqualTo("# web\nresources: [deployment.yaml]"
                    + "  # the app\nimages:\n- name: " + registry.host() + "/team/web\n  newTag: 1.1.0\n");
            assertThat(remoteFile(git, "apps/api/values.yaml")).isEqualTo("image:\n  tag: 1.1.0 # api\n  name: "
                    + registry.host() + "/team/web\n");

            Map<Application, String> failures = Map.of(
                    app("w1", ns, registry.host(), repo.url(), "apps/web",
                            "argocd-image-updater.argoproj.io/web.pull-secret: secret:" + ns + "/wrong#creds"),
                    "credentials for '" + registry.host() + "' (user robot) were refused",
                    app("w2", ns, registry.host(), repo.url(), "apps/web",
                            "argocd-image-updater.argoproj.io/web.pull-secret: pullsecret:" + ns + "/missing"),
                    "pull secret 'pullsecret:" + ns + "/missing' of " + registry.host() + "/team/web: secret " + ns
                            + "/missing does not exist",
                    app("w3", ns, registry.host(), repo.url(), "apps/web",
                            "argocd-image-updater.argoproj.io/web.pull-secret: secret:" + ns + "/plain#nope"),
                    "secret " + ns + "/plain has no field 'nope'",
                    app("w4", ns, registry.host(), repo.url(), "apps/web", """
                            argocd-image-updater.argoproj.io/web.pull-secret: pullsecret:%s/regcred
                            argocd-image-updater.argoproj.io/write-back-method: git:secret:default/git-creds"""
                            .formatted(ns)),
                    "secret namespace 'default' differs from the Application's namespace '" + ns + "'",
                    app("w5", ns, registry.host(), repo.url(), "apps/web",
                            "argocd-image-updater.argoproj.io/web.pull-secret: vault:x"),
                    "unknown credential source 'vault:x'");
            String head = remoteHead(git);
            ImageUpdater fresh = new ImageUpdater(ImageUpdater.Settings.defaults(tmp.resolve("upd2"), List.of()),
                    url -> RepoCredentials.none(), a -> List.of(registry.host() + "/team/web:1.0.0"), null,
                    Clock.systemUTC(), EngineLog.NONE).withSecrets(SecretSource.of(kube), Map.<String, String>of()::get);
            for (Map.Entry<Application, String> f : failures.entrySet()) {
                AppUpdateResult r = fresh.run(List.of(f.getKey()), false).get(0);
                assertThat(r.error()).as(f.getKey().name()).contains(f.getValue())
                        .doesNotContain(REGISTRY_PASSWORD).doesNotContain(GIT_PASSWORD).doesNotContain("not-the-password");
                assertThat(r.commit()).isEmpty();
            }
            assertThat(remoteHead(git)).as("nothing written by a failed update").isEqualTo(head);
        }
    }

    @Test
    void pullSecretAndGitSecretSyntax() {
        assertThat(PullSecret.parse("pullsecret:argocd/regcred", "a"))
                .isEqualTo(new PullSecret(PullSecret.Kind.PULL_SECRET, "argocd", "regcred", ".dockerconfigjson",
                        "pullsecret:argocd/regcred"));
        assertThat(PullSecret.parse("secret:argocd/creds#token", "a").field()).isEqualTo("token");
        assertThat(PullSecret.parse("env:REGISTRY_CREDS", "a").name()).isEqualTo("REGISTRY_CREDS");
        assertThatThrownBy(() -> PullSecret.parse("pullsecret:regcred", "x.pull-secret"))
                .hasMessage("x.pull-secret: 'pullsecret:regcred' must name the secret as <namespace>/<name>");
        assertThatThrownBy(() -> PullSecret.parse("secret:argocd/creds", "x.pull-secret"))
                .hasMessage("x.pull-secret: 'secret:argocd/creds' must be secret:<namespace>/<name>#<field>");
        ImageReference image = ImageReference.parse("ghcr.io/acme/web");
        assertThat(PullSecret.parse("env:CREDS", "a").resolve(image, SecretSource.NONE,
                Map.of("CREDS", "bot:tok3n")::get)).isEqualTo(new RegistryCredential("ghcr.io", "bot", "tok3n"));
        assertThatThrownBy(() -> PullSecret.parse("env:CREDS", "a").resolve(image, SecretSource.NONE,
                Map.of("CREDS", "tok3n-without-user")::get)).hasMessageContaining("environment variable CREDS is not "
                + "<username>:<password>").hasMessageNotContaining("tok3n-without-user");

        Application app = ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: a, namespace: argocd}
                spec:
                  source: {repoURL: 'https://git.example/x.git', path: .}
                  destination: {server: 'https://kubernetes.default.svc', namespace: demo}
                """, "a.yaml");
        assertThat(GitSecretCredentials.parse("secret:git-creds", app))
                .isEqualTo(new GitSecretCredentials("argocd", "git-creds"));
        assertThatThrownBy(() -> GitSecretCredentials.parse("vault:x", app)).hasMessageContaining(
                "must be git, git:repocreds or git:secret:[<namespace>/]<name>");
        RepoCredentials ssh = GitSecretCredentials.parse("secret:k", app).resolve("git@git.example:acme/x.git",
                (n, s) -> java.util.Optional.of(Map.of("sshPrivateKey", "-----BEGIN OPENSSH PRIVATE KEY-----")))
                .apply("git@git.example:acme/x.git");
        assertThat(ssh.kind()).isEqualTo(RepoCredentials.Kind.SSH_KEY);
        assertThatThrownBy(() -> GitSecretCredentials.parse("secret:k", app).resolve("https://git.example/x.git",
                (n, s) -> java.util.Optional.of(Map.of("password", "pw")))).hasMessageContaining("has no field "
                + "'username'");
    }

    static Application app(String name, String ns, String host, String repoUrl, String path, String annotations) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: %s
                  annotations:
                    argocd-image-updater.argoproj.io/image-list: 'web=%s/team/web:1.x'
                %s
                spec:
                  source: {repoURL: '%s', path: %s, targetRevision: main}
                  destination: {server: 'https://kubernetes.default.svc', namespace: %s}
                """.formatted(name, ns, host, annotations.indent(4).stripTrailing(), repoUrl, path, ns), name + ".yaml");
    }

    private static void secret(KubernetesClient kube, String ns, String name, String type, Map<String, String> data) {
        kube.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withType(type).withStringData(data).build()).create();
    }

    private static String remoteHead(GitHttpServer git) throws Exception {
        try (Git bare = Git.open(git.repositoryDir("deploy").toFile())) {
            return bare.getRepository().resolve("refs/heads/main").getName();
        }
    }

    private static String remoteFile(GitHttpServer git, String path) throws Exception {
        try (Git bare = Git.open(git.repositoryDir("deploy").toFile());
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(bare.getRepository())) {
            var c = walk.parseCommit(bare.getRepository().resolve("refs/heads/main"));
            try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(bare.getRepository(), path, c.getTree())) {
                return tw == null ? null : new String(bare.getRepository().open(tw.getObjectId(0)).getBytes(),
                        StandardCharsets.UTF_8);
            }
        }
    }
}
