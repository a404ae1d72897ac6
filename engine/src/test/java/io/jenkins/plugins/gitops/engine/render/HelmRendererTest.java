package io.jenkins.plugins.gitops.engine.render;

import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.app;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.copyRepo;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.find;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.generator;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.ApplicationSource.Tool;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the fixture chart with the real embedded Helm (helm-java). */
class HelmRendererTest {

    @TempDir
    Path tmp;

    Path repo;

    @BeforeEach
    void setUp() {
        repo = copyRepo(tmp);
    }

    private RenderedManifests renderWeb(String helm) {
        String indented = helm.lines().map(l -> "  " + l).collect(java.util.stream.Collectors.joining("\n"));
        return render(repo, app("web", "shop", "path: charts/web" + (helm.isEmpty() ? "" : "\nhelm:\n" + indented)));
    }

    private static Map<String, String> layers(RenderedManifests m, String release) {
        KubeObject cm = find(m, "ConfigMap", release + "-layers");
        Map<String, String> data = new java.util.TreeMap<>();
        cm.at("/data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    @Test
    void rendersChartWithDefaultsReleaseNamedAfterTheApplication() {
        RenderedManifests m = renderWeb("");
        assertThat(m.tool()).isEqualTo(Tool.HELM);
        assertThat(layers(m, "web")).containsEntry("layer", "chart").containsEntry("releaseNamespace", "shop");
        KubeObject deployment = find(m, "Deployment", "web");
        assertThat(deployment.source()).isEqualTo("charts/web/templates/deployment.yaml");
        assertThat(deployment.namespace()).isEqualTo("shop");
        assertThat(find(m, "ConfigMap", "web-cache").source()).isEqualTo("charts/web/charts/cache/templates/configmap.yaml");
        RenderFixtures.assertGolden(m, "helm-web.yaml");
    }

    @Test
    void eachValueLayerWinsOverTheNext() {
        RenderedManifests m = renderWeb("""
                  valueFiles: [values-prod.yaml]
                  values: |
                    layer: values
                    fromValues: values
                  parameters:
                    - name: layer
                      value: parameter""");
        assertThat(layers(m, "web")).containsEntry("layer", "parameter") // parameters > values
                .containsEntry("fromValues", "values") // values > valueFiles
                .containsEntry("fromFile", "file") // valueFiles > chart values.yaml
                .containsEntry("fromChart", "chart");
        assertThat(find(m, "Deployment", "web").at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void valuesObjectWinsOverValuesByReplacingThemAsArgoCdDoes() {
        RenderedManifests m = renderWeb("""
                  values: |
                    layer: values
                    fromValues: values
                  valuesObject:
                    layer: object
                    fromObject: object
                  parameters:
                    - name: fromObject
                      value: parameter""");
        assertThat(layers(m, "web")).containsEntry("layer", "object")
                .containsEntry("fromObject", "parameter")
                .containsEntry("fromValues", "chart");
    }

    @Test
    void valueFilesLaterInTheListWinAndAbsolutePathsAreRepositoryRelative() {
        RenderedManifests m = renderWeb("  valueFiles: [values-prod.yaml, /values/shared.yaml]");
        assertThat(layers(m, "web")).containsEntry("fromFile", "shared").containsEntry("layer", "file");
    }

    @Test
    void setStringKeepsStringsWhileSetTypesValuesLikeHelm() {
        RenderedManifests m = renderWeb("""
                  releaseName: shop-web
                  parameters:
                    - name: image.tag
                      value: "110"
                      forceString: true
                    - name: replicas
                      value: "4"
                    - name: image.repository
                      value: registry.example.com/$ARGOCD_APP_NAME""");
        assertThat(layers(m, "shop-web")).containsEntry("tagKind", "string").containsEntry("replicasKind", "int64");
        KubeObject deployment = find(m, "Deployment", "shop-web");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/web:110");
    }

    @Test
    void crdsComeFirstUnlessSkippedAndClusterScopedCustomResourcesGetNoNamespace() {
        RenderedManifests m = renderWeb("");
        assertThat(m.objects().subList(0, 2)).extracting(KubeObject::name)
                .containsExactly("widgets.example.com", "cachepolicies.example.com");
        assertThat(m.objects().get(0).source()).isEqualTo("charts/web/crds/widgets.yaml");
        assertThat(find(m, "Widget", "web-widget").namespace()).isEmpty();

        RenderedManifests skipped = renderWeb("  skipCrds: true");
        assertThat(skipped.objects()).extracting(KubeObject::kind).doesNotContain("CustomResourceDefinition");
        assertThat(find(skipped, "Widget", "web-widget").namespace()).as("unknown kind counts as namespaced")
                .isEqualTo("shop");
    }

    @Test
    void disabledSubchartContributesNeitherTemplatesNorCrds() {
        RenderedManifests m = renderWeb("""
                  parameters:
                    - name: cache.enabled
                      value: "false\"""");
        assertThat(m.objects()).extracting(KubeObject::name)
                .doesNotContain("web-cache", "cachepolicies.example.com")
                .contains("widgets.example.com");
    }

    @Test
    void hooksAreKeptWithTheirAnnotations() {
        KubeObject hook = find(renderWeb(""), "Job", "web-migrate");
        assertThat(hook.annotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-weight", "-1");
        assertThat(hook.source()).isEqualTo("charts/web/templates/migrate-hook.yaml");
    }

    @Test
    void missingValueFileIsAnErrorNamingItUnlessIgnored() {
        assertThatThrownBy(() -> renderWeb("  valueFiles: [values-missing.yaml]"))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("helm value file 'values-missing.yaml' does not exist")
                .hasMessageContaining("charts/web/values-missing.yaml")
                .hasMessageContaining("ignoreMissingValueFiles");

        RenderedManifests m = renderWeb("""
                  ignoreMissingValueFiles: true
                  valueFiles: [values-missing.yaml, values-prod.yaml]""");
        assertThat(layers(m, "web")).containsEntry("layer", "file");
        assertThat(m.warnings()).singleElement().asString().contains("values-missing.yaml");
    }

    @Test
    void valueFilesMustNotLeaveTheRepository() throws IOException {
        Files.writeString(tmp.resolve("outside.yaml"), "layer: stolen\n");
        assertThatThrownBy(() -> renderWeb("  valueFiles: [../../../outside.yaml]"))
                .hasMessageContaining("helm value file '../../../outside.yaml' leaves the repository");

        Files.createSymbolicLink(repo.resolve("charts/web/values-link.yaml"), tmp.resolve("outside.yaml"));
        assertThatThrownBy(() -> renderWeb("  valueFiles: [values-link.yaml]"))
                .hasMessageContaining("'charts/web/values-link.yaml' is a symlink that points outside the repository");
    }

    @Test
    void symlinkedValueFileOutsideTheChartButInsideTheRepositoryIsFine() throws IOException {
        Files.createSymbolicLink(repo.resolve("charts/web/values-link.yaml"), repo.resolve("values/shared.yaml"));
        assertThat(layers(renderWeb("  valueFiles: [values-link.yaml]"), "web")).containsEntry("fromFile", "shared");
    }

    @Test
    void dependenciesThatAreNotVendoredAreAClearError() {
        assertThatThrownBy(() -> render(repo, app("deps", "shop", "path: charts/needs-deps")))
                .hasMessageContaining("application 'deps': dependency 'redis' from https://charts.bitnami.com/bitnami "
                        + "cannot be fetched: no chart repositories are available to this render");
    }

    @Test
    void templateErrorsNameTheTemplate() throws IOException {
        Files.writeString(repo.resolve("charts/web/templates/broken.yaml"), "kind: {{ .Values.nope.deeper }}\n");
        assertThatThrownBy(() -> renderWeb(""))
                .hasMessageContaining("helm template charts/web failed:")
                .hasMessageContaining("web/templates/broken.yaml");
    }

    @Test
    void capabilitiesThatCannotBePassedAreAnErrorByDefaultAndAWarningWhenRelaxed() {
        String source = "path: charts/web\nhelm:\n  kubeVersion: 1.30.0\n  apiVersions: [monitoring.coreos.com/v1]";
        assertThatThrownBy(() -> render(repo, app("web", "shop", source)))
                .hasMessageContaining("helm.kubeVersion and helm.apiVersions cannot be passed to the embedded Helm");
        RenderedManifests m = generator(RenderSettings.defaults().withStrictHelmCapabilities(false))
                .render(RenderRequest.of(repo, app("web", "shop", source), RenderFixtures.SHA));
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("default capabilities"));
    }

    @Test
    void fileParametersReadFilesInsideTheRepository() {
        RenderedManifests m = renderWeb("""
                  fileParameters:
                    - name: fromChart
                      path: ../../values/shared.yaml""");
        assertThat(layers(m, "web")).containsEntry("fromChart", "fromFile: shared\n");
    }

    @Test
    void theRepositoryTreeIsNotModified() throws IOException {
        String before = Files.readString(repo.resolve("charts/web/templates/migrate-hook.yaml"));
        renderWeb("");
        assertThat(Files.readString(repo.resolve("charts/web/templates/migrate-hook.yaml"))).isEqualTo(before);
        assertThat(Files.readString(repo.resolve("charts/web/Chart.yaml"))).contains("kubeVersion");
    }
}
