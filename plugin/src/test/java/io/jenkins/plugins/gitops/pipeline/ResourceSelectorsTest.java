package io.jenkins.plugins.gitops.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSelectorsTest {

    @Test
    void readsArgoCdResourceSelectorsWithAndWithoutNamespace() {
        assertThat(ResourceSelectors.parse(List.of("apps:Deployment:prod/web", ":Service:web", "rbac.authorization.k8s.io:ClusterRole:reader")))
                .containsExactly(
                        new ResourceKey("apps", "Deployment", "prod", "web"),
                        new ResourceKey("", "Service", "", "web"),
                        new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "reader"));
    }

    @Test
    void noSelectorsMeansTheWholeApplication() {
        assertThat(ResourceSelectors.parse((java.util.List<String>) null)).isEmpty();
        assertThat(ResourceSelectors.parse(List.of())).isEmpty();
    }

    @Test
    void rejectsMalformedEntriesNamingThem() {
        assertThatThrownBy(() -> ResourceSelectors.parse(List.of("Deployment/web")))
                .hasMessageContaining("'Deployment/web'").hasMessageContaining("GROUP:KIND:NAME");
        assertThatThrownBy(() -> ResourceSelectors.parse(List.of("apps::web")))
                .hasMessageContaining("'apps::web'");
        assertThatThrownBy(() -> ResourceSelectors.parse(List.of("apps:Deployment:/web")))
                .hasMessageContaining("NAMESPACE/NAME part '/web'");
        assertThatThrownBy(() -> ResourceSelectors.parse(List.of("apps:Deployment:a/b/c")))
                .hasMessageContaining("'a/b/c'");
    }
}
