package io.jenkins.plugins.gitops.engine.render;

import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.SHA;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.app;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.copyRepo;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.find;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.generator;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource.Tool;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code kubectl kustomize} (the machine has no standalone kustomize) and fake tools for failures. */
class KustomizeRendererTest {

    @TempDir
    Path tmp;

    Path repo;

    @BeforeEach
    void setUp() {
        repo = copyRepo(tmp);
    }

    @Test
    void overlayBuildsItsBaseWithRealKustomize() {
        RenderedManifests m = render(repo, app("web", "prod", "path: kustomize/overlays/prod"));
        assertThat(m.tool()).isEqualTo(Tool.KUSTOMIZE);
        assertThat(m.objects()).extracting(KubeObject::name).containsExactlyInAnyOrder("settings-v1", "web-v1",
                "web-v1");
        KubeObject deployment = find(m, "Deployment", "web-v1");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.26");
        assertThat(deployment.labels()).containsEntry("app", "web");
        assertThat(deployment.namespace()).isEqualTo("prod");
        assertThat(deployment.source()).isEqualTo("kustomize/overlays/prod/kustomization.yaml");
        RenderFixtures.assertGolden(m, "kustomize-prod.yaml");
    }

    @Test
    void applicationOverridesAreAppliedToAPrivateCopyAsArgoCdDoes() throws IOException {
        Path kustomization = repo.resolve("kustomize/overlays/prod/kustomization.yaml");
        String before = Files.readString(kustomization);
        Application app = app("web", "ignored", """
                path: kustomize/overlays/prod
                kustomize:
                  namePrefix: team-
                  nameSuffix: -v2
                  images:
                    - nginx=registry.example.com/nginx:1.27
                  commonLabels:
                    team: payments
                    deployed-from: $ARGOCD_APP_NAME
                  commonAnnotations:
                    owner: platform
                  namespace: payments
                  replicas:
                    - name: web
                      count: 5""");
        RenderedManifests m = render(repo, app);

        KubeObject deployment = find(m, "Deployment", "team-web-v2");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/nginx:1.27");
        assertThat(deployment.labels()).containsEntry("team", "payments").containsEntry("deployed-from", "web")
                .containsEntry("app", "web");
        assertThat(deployment.annotations()).containsEntry("owner", "platform");
        assertThat(m.objects()).extracting(KubeObject::namespace).containsOnly("payments");
        assertThat(m.objects()).extracting(KubeObject::name)
                .containsExactlyInAnyOrder("team-settings-v2", "team-web-v2", "team-web-v2");
        assertThat(Files.readString(kustomization)).as("the shared tree is never edited").isEqualTo(before);
    }

    @Test
    void labelAlreadySetByTheKustomizationNeedsForce() {
        String source = """
                path: kustomize/base
                kustomize:
                  commonLabels:
                    app: other""";
        assertThatThrownBy(() -> render(repo, app("web", "prod", source)))
                .hasMessageContaining("kustomize/base/kustomization.yaml: commonLabels already sets 'app'")
                .hasMessageContaining("forceCommonLabels");

        RenderedManifests forced = render(repo, app("web", "prod", source + "\n  forceCommonLabels: true"));
        assertThat(find(forced, "Deployment", "web").labels()).containsEntry("app", "other");
    }

    @Test
    void configuredBinaryThatDoesNotExistIsAClearError() {
        RenderSettings settings = RenderSettings.defaults().withKustomizeBinary(tmp.resolve("no/such/kustomize"));
        assertThatThrownBy(() -> generator(settings).render(request("path: kustomize/base")))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("configured kustomize binary")
                .hasMessageContaining("does not exist or is not executable");
    }

    @Test
    void toolSeesTheArgoCdBuildEnvironment() throws IOException {
        Path fake = script("fake-kustomize", """
                #!/bin/sh
                cat <<EOF
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: env
                data:
                  args: "$*"
                  name: "$ARGOCD_APP_NAME"
                  namespace: "$ARGOCD_APP_NAMESPACE"
                  revision: "$ARGOCD_APP_REVISION"
                  repo: "$ARGOCD_APP_SOURCE_REPO_URL"
                  path: "$ARGOCD_APP_SOURCE_PATH"
                  target: "$ARGOCD_APP_SOURCE_TARGET_REVISION"
                EOF
                """);
        RenderedManifests m = generator(RenderSettings.defaults().withKustomizeBinary(fake))
                .render(request("path: kustomize/base"));
        KubeObject env = find(m, "ConfigMap", "env");
        assertThat(env.at("/data/args").asText()).startsWith("build ").endsWith("kustomize/base");
        assertThat(env.at("/data/name").asText()).isEqualTo("web");
        assertThat(env.at("/data/namespace").asText()).isEqualTo("prod");
        assertThat(env.at("/data/revision").asText()).isEqualTo(SHA);
        assertThat(env.at("/data/repo").asText()).isEqualTo("https://git.example.com/apps.git");
        assertThat(env.at("/data/path").asText()).isEqualTo("kustomize/base");
        assertThat(env.at("/data/target").asText()).isEqualTo("main");
    }

    @Test
    void toolRunningTooLongIsKilledWithAClearError() throws IOException {
        Path slow = script("slow-kustomize", "#!/bin/sh\nsleep 30\n");
        RenderSettings settings = RenderSettings.defaults().withKustomizeBinary(slow)
                .withToolTimeout(Duration.ofSeconds(1));
        assertThatThrownBy(() -> generator(settings).render(request("path: kustomize/base")))
                .hasMessageContaining("kustomize build kustomize/base: timed out after 1s and was killed");
    }

    @Test
    void toolFailureCarriesItsTrimmedStandardError() throws IOException {
        Files.writeString(repo.resolve("kustomize/base/kustomization.yaml"), "resources:\n  - missing.yaml\n");
        assertThatThrownBy(() -> render(repo, app("web", "prod", "path: kustomize/base")))
                .hasMessageContaining("kubectl kustomize kustomize/base: failed with exit code 1: ")
                .hasMessageContaining("missing.yaml");
    }

    @Test
    void symlinkAnywhereInTheRepositoryLeavingItIsRefusedBeforeKustomizeRuns() throws IOException {
        Files.createSymbolicLink(repo.resolve("kustomize/base/outside"), tmp);
        assertThatThrownBy(() -> render(repo, app("web", "prod", "path: kustomize/overlays/prod")))
                .hasMessageContaining("'kustomize/base/outside' is a symlink that points outside the repository");
    }

    @Test
    void aBrokenSymlinkInsideTheRepositoryIsHarmless_oneLeavingItIsRefused() throws IOException {
        Files.createDirectories(repo.resolve("tmp/profile"));
        Files.createSymbolicLink(repo.resolve("tmp/profile/SingletonLock"), Path.of("host-1234")); // Chromium's lock
        assertThat(render(repo, app("web", "prod", "path: kustomize/overlays/prod")).objects()).isNotEmpty();

        Files.createSymbolicLink(repo.resolve("tmp/profile/escape"), tmp.resolve("absent"));
        assertThatThrownBy(() -> render(repo, app("web", "prod", "path: kustomize/overlays/prod")))
                .hasMessageContaining("'tmp/profile/escape' is a symlink that points outside the repository");
    }

    @Test
    void explicitKustomizeWithoutKustomizationIsAnError() {
        assertThatThrownBy(() -> render(repo, app("web", "prod", """
                path: guestbook
                kustomize:
                  namePrefix: x-""")))
                .hasMessageContaining("no kustomization.yaml, kustomization.yml or Kustomization in 'guestbook'");
    }

    private RenderRequest request(String source) {
        return RenderRequest.of(repo, app("web", "prod", source), SHA);
    }

    private Path script(String name, String content) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
