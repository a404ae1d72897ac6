package io.jenkins.plugins.gitops.engine.render;

import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.app;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.copyRepo;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.find;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestPostProcessorTest {

    @TempDir
    Path tmp;

    Path repo;

    @BeforeEach
    void setUp() {
        repo = copyRepo(tmp);
    }

    @Test
    void destinationNamespaceIsSetOnlyOnNamespacedObjectsThatLackOne() {
        RenderedManifests m = render(repo, app("scopes", "team-a", "path: scopes"));
        assertThat(find(m, "Namespace", "team-a").namespace()).isEmpty();
        assertThat(find(m, "ClusterRole", "reader").namespace()).isEmpty();
        assertThat(find(m, "StorageClass", "fast").namespace()).isEmpty();
        assertThat(find(m, "CustomResourceDefinition", "clusterwidgets.example.com").namespace()).isEmpty();
        assertThat(find(m, "ClusterWidget", "global").namespace()).as("scope from the CRD rendered alongside")
                .isEmpty();
        assertThat(find(m, "ConfigMap", "defaulted").namespace()).isEqualTo("team-a");
        assertThat(find(m, "ConfigMap", "explicit").namespace()).isEqualTo("elsewhere");
        assertThat(find(m, "ServiceMonitor", "unknown-kind-is-namespaced").namespace()).isEqualTo("team-a");
    }

    @Test
    void discoveryHookDecidesForKindsNobodyElseKnows() {
        ResourceScope discovery = (group, kind) -> kind.equals("ServiceMonitor") ? Optional.of(false)
                : Optional.empty();
        RenderedManifests m = new ManifestGenerator(RenderSettings.defaults(), null, discovery)
                .render(RenderRequest.of(repo, app("scopes", "team-a", "path: scopes"), RenderFixtures.SHA));
        assertThat(find(m, "ServiceMonitor", "unknown-kind-is-namespaced").namespace()).isEmpty();
        assertThat(find(m, "ConfigMap", "defaulted").namespace()).as("built-ins are not asked").isEqualTo("team-a");
    }

    @Test
    void noDestinationNamespaceLeavesObjectsAlone() {
        RenderedManifests m = render(repo, app("scopes", "\"\"", "path: scopes"));
        assertThat(find(m, "ConfigMap", "defaulted").namespace()).isEmpty();
    }

    @Test
    void sameIdentityTwiceIsAnErrorNamingBothFiles() {
        assertThatThrownBy(() -> render(repo, app("dup", "shop", "path: duplicates")))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("duplicate resource apps/Deployment shop/web: defined in duplicates/a.yaml "
                        + "and in duplicates/b.yaml");
    }

    @Test
    void sameNameInDifferentNamespacesIsNoDuplicate() {
        RenderedManifests m = render(repo, app("scopes", "elsewhere", "path: scopes"));
        assertThat(m.objects()).filteredOn(o -> o.kind().equals("ConfigMap")).hasSize(2);
    }

    @Test
    void totalSizeIsCapped() {
        RenderSettings small = RenderSettings.defaults().withMaxRenderedBytes(500);
        assertThatThrownBy(() -> RenderFixtures.generator(small)
                .render(RenderRequest.of(repo, app("web", "shop", "path: charts/web"), RenderFixtures.SHA)))
                .hasMessageContaining("rendered manifests exceed the limit of 500 bytes");
    }

    @Test
    void listItemsMustBeObjects() {
        var list = new io.jenkins.plugins.gitops.engine.model.KubeObject((com.fasterxml.jackson.databind.node.ObjectNode)
                io.jenkins.plugins.gitops.engine.model.Yaml.JSON.valueToTree(java.util.Map.of(
                        "apiVersion", "v1", "kind", "ConfigMapList", "items", java.util.List.of("oops"))), "x.yaml");
        assertThatThrownBy(() -> new ManifestPostProcessor(null, 1000).process(java.util.List.of(list), "ns"))
                .hasMessageContaining("x.yaml: item 1 of ConfigMapList is not an object with apiVersion and kind");
    }
}
