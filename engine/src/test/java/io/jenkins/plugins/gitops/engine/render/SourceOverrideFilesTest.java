package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.HelmSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceOverrideFilesTest {

    @TempDir
    Path repo;

    Application app() {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  source:
                    repoURL: https://git.example/r.git
                    path: charts/web
                    helm:
                      parameters: [{name: replicas, value: '2'}]
                      valueFiles: [values.yaml]
                  destination: {server: 'https://kubernetes.default.svc', namespace: demo}
                """, "web.yaml");
    }

    @Test
    void theAppSpecificFileIsMergedAfterTheSharedOneAndListsReplace() throws Exception {
        Files.createDirectories(repo.resolve("charts/web"));
        Files.writeString(repo.resolve("charts/web/.argocd-source.yaml"), "helm:\n  valueFiles: [prod.yaml]\n");
        Files.writeString(repo.resolve("charts/web/.argocd-source-web.yaml"), """
                helm:
                  parameters:
                  - {name: image.tag, value: '1.20', forcestring: true}
                """);
        Files.writeString(repo.resolve("charts/web/.argocd-source-other.yaml"), "helm: {valueFiles: [x.yaml]}\n");
        RenderRequest r = SourceOverrideFiles.apply(RenderRequest.of(repo, app(), "abc"));
        assertThat(r.source().helm().valueFiles()).containsExactly("prod.yaml");
        assertThat(r.source().helm().parameters()).containsExactly(new HelmSource.Parameter("image.tag", "1.20", true));
    }

    @Test
    void withoutFilesTheRequestIsUnchangedAndUnknownKeysAreErrors() throws Exception {
        RenderRequest plain = RenderRequest.of(repo, app(), "abc");
        assertThat(SourceOverrideFiles.apply(plain)).isSameAs(plain);
        Files.createDirectories(repo.resolve("charts/web"));
        Files.writeString(repo.resolve("charts/web/.argocd-source-web.yaml"), "helm: {releaseName: x}\n");
        assertThatThrownBy(() -> SourceOverrideFiles.apply(plain)).isInstanceOf(RenderException.class)
                .hasMessageContaining(".argocd-source-web.yaml: 'helm.releaseName' is not supported");
    }
}
