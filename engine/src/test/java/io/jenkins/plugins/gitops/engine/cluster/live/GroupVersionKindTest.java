package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import org.junit.jupiter.api.Test;

class GroupVersionKindTest {

    @Test
    void splitsApiVersions() {
        assertThat(GroupVersionKind.of("apps/v1", "Deployment"))
                .isEqualTo(new GroupVersionKind("apps", "v1", "Deployment"));
        assertThat(GroupVersionKind.of("v1", "ConfigMap").apiVersion()).isEqualTo("v1");
        assertThat(GroupVersionKind.of("apps/v1", "Deployment")).hasToString("apps/v1 Deployment");
        KubeObject d = Fixtures.find("guestbook-live.yaml", "Deployment", "guestbook-ui");
        assertThat(GroupVersionKind.of(d)).isEqualTo(GroupVersionKind.of("apps/v1", "Deployment"));
    }

    @Test
    void matchesKeysOfAnyVersion() {
        ResourceKey hpa = new ResourceKey("autoscaling", "HorizontalPodAutoscaler", "ns", "web");

        assertThat(GroupVersionKind.of("autoscaling/v2", "HorizontalPodAutoscaler").matches(hpa)).isTrue();
        assertThat(GroupVersionKind.of("autoscaling/v1", "HorizontalPodAutoscaler").matches(hpa)).isTrue();
        assertThat(GroupVersionKind.of("v1", "HorizontalPodAutoscaler").matches(hpa)).isFalse();
    }

    @Test
    void refusesIncompleteKinds() {
        assertThatThrownBy(() -> GroupVersionKind.of("", "Deployment")).hasMessage("apiVersion is required for kind Deployment");
        assertThatThrownBy(() -> GroupVersionKind.of("apps/v1", "")).hasMessageContaining("kind is required");
    }
}
