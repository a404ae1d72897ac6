package io.jenkins.plugins.gitops.engine.imageupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ImageUpdateAnnotationsTest {

    static Application app(Map<String, String> annotations) {
        String ann = annotations.entrySet().stream()
                .map(e -> "    " + e.getKey() + ": '" + e.getValue() + "'")
                .collect(Collectors.joining("\n"));
        ann = ann.isEmpty() ? "    {}" : ann;
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                  annotations:
                %s
                spec:
                  source: {repoURL: 'https://git.example/repo.git', path: apps/guestbook, targetRevision: main}
                  destination: {server: 'https://kubernetes.default.svc', namespace: demo}
                """.formatted(ann), "guestbook.yaml");
    }

    @Test
    void readsImageListAliasesAndPerAliasSettings() {
        ImageUpdateSpec spec = ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list",
                "web=nginx:~1.26, api=ghcr.io/acme/api, worker=127.0.0.1:5000/team/worker:latest",
                "argocd-image-updater.argoproj.io/worker.update-strategy", "digest",
                "argocd-image-updater.argoproj.io/web.allow-tags", "regexp:^1\\.[0-9]+\\.[0-9]+$",
                "argocd-image-updater.argoproj.io/web.ignore-tags", "1.26.0, *-rc*",
                "argocd-image-updater.argoproj.io/web.platforms", "linux/amd64,linux/arm64/v8",
                "argocd-image-updater.argoproj.io/api.update-strategy", "latest",
                "argocd-image-updater.argoproj.io/api.helm.image-name", "api.image.repository",
                "argocd-image-updater.argoproj.io/api.helm.image-tag", "api.image.tag",
                "argocd-image-updater.argoproj.io/write-back-method", "git",
                "argocd-image-updater.argoproj.io/git-branch", "main:image-updates"))).orElseThrow();

        assertThat(spec.images()).extracting(TrackedImage::alias)
                .containsExactly("web", "api", "worker");
        TrackedImage web = spec.images().get(0);
        assertThat(web.image()).isEqualTo(new ImageReference("docker.io", "library/nginx", "", ""));
        assertThat(web.constraint()).isEqualTo("~1.26");
        assertThat(web.strategy()).isEqualTo(UpdateStrategy.SEMVER);
        assertThat(web.admits("1.26.3")).isTrue();
        assertThat(web.admits("1.26.0")).as("ignored").isFalse();
        assertThat(web.admits("1.27.0-rc1")).as("ignored glob and not allowed").isFalse();
        assertThat(web.admits("mainline")).as("not allowed").isFalse();
        assertThat(web.platforms()).extracting(Object::toString).containsExactly("linux/amd64", "linux/arm64/v8");
        TrackedImage api = spec.images().get(1);
        assertThat(api.strategy()).as("'latest' is newest-build").isEqualTo(UpdateStrategy.NEWEST_BUILD);
        assertThat(api.helmImageName()).isEqualTo("api.image.repository");
        assertThat(spec.images().get(2).image().registry()).isEqualTo("127.0.0.1:5000");
        assertThat(spec.writeBack()).isEqualTo(new WriteBackConfig(WriteBackConfig.Method.GIT, "",
                WriteBackConfig.Target.SOURCE_OVERRIDE, "", "main", "image-updates"));
    }

    @Test
    void writeBackTargetsAndDefaults() {
        assertThat(ImageUpdateAnnotations.read(app(Map.of("argocd-image-updater.argoproj.io/image-list", "nginx")))
                .orElseThrow().writeBack()).as("Image Updater's default method is argocd").isEqualTo(WriteBackConfig.ARGOCD);
        WriteBackConfig k = ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "nginx",
                "argocd-image-updater.argoproj.io/write-back-method", "git",
                "argocd-image-updater.argoproj.io/write-back-target", "kustomization:../base"))).orElseThrow().writeBack();
        assertThat(k.target()).isEqualTo(WriteBackConfig.Target.KUSTOMIZATION);
        assertThat(k.file()).isEqualTo("../base");
        WriteBackConfig h = ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "nginx",
                "argocd-image-updater.argoproj.io/write-back-method", "git",
                "argocd-image-updater.argoproj.io/write-back-target", "helmvalues:/env/prod/values.yaml"))).orElseThrow()
                .writeBack();
        assertThat(h.target()).isEqualTo(WriteBackConfig.Target.HELM_VALUES);
        assertThat(ImageUpdater.resolve("apps/guestbook", h.file())).isEqualTo("env/prod/values.yaml");
        assertThat(ImageUpdater.resolve("apps/guestbook", "../base")).isEqualTo("apps/base");
        assertThat(ImageUpdateAnnotations.read(app(Map.of()))).isEmpty();
    }

    @Test
    void badInputIsAnErrorNamingTheAnnotation() {
        assertThatThrownBy(() -> ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "web=nginx",
                "argocd-image-updater.argoproj.io/web.update-strategy", "newest"))))
                .isInstanceOf(ImageUpdateException.class)
                .hasMessage("argocd-image-updater.argoproj.io/web.update-strategy: unknown update strategy 'newest' "
                        + "(semver, newest-build, digest or alphabetical)");
        assertThatThrownBy(() -> ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "web=nginx:>=1.x.y.z"))))
                .hasMessageContaining("'>=1.x.y.z' in 'web=nginx:>=1.x.y.z' is not a valid semver constraint");
        assertThatThrownBy(() -> ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "web=nginx",
                "argocd-image-updater.argoproj.io/web.allow-tags", "regexp:^(1\\.")))).hasMessageStartingWith(
                "argocd-image-updater.argoproj.io/web.allow-tags: invalid regular expression '^(1\\.'");
        assertThatThrownBy(() -> ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "web=nginx",
                "argocd-image-updater.argoproj.io/web.update-strategy", "digest"))))
                .hasMessageContaining("must name the tag to follow");
        assertThatThrownBy(() -> ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "nginx",
                "argocd-image-updater.argoproj.io/write-back-method", "git",
                "argocd-image-updater.argoproj.io/write-back-target", "values.yaml"))))
                .hasMessageContaining("unknown target 'values.yaml'");
        assertThatThrownBy(() -> ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "a=nginx, a=redis"))))
                .hasMessageContaining("alias 'a' is used twice");
        assertThatThrownBy(() -> ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "web=nginx",
                "argocd-image-updater.argoproj.io/web.platforms", "linux"))))
                .hasMessageContaining("platform 'linux' is not os/arch[/variant]");
        assertThatThrownBy(() -> ImageUpdateAnnotations.read(app(Map.of(
                "argocd-image-updater.argoproj.io/image-list", "Nginx:1.0"))))
                .hasMessageContaining("'Nginx:1.0' is not a valid image name");
    }
}
