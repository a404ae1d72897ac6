package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Destination to cluster mapping. Connections are never used here, so no server is needed. */
class ClusterRegistryTest {

    final ClusterConnection home = token("home", "https://10.0.0.1:6443");
    final ClusterConnection prod = token("prod", "https://prod.example.com:6443");
    final ClusterConnection staging = token("staging", "https://staging.example.com");

    final ClusterRegistry registry = ClusterRegistry.builder()
            .defaultConnection(home)
            .add(prod)
            .add(staging)
            .build();

    @Test
    void serverUrlSelectsTheClusterIgnoringTrailingSlashAndCase() {
        assertThat(registry.resolve("https://prod.example.com:6443", null)).isSameAs(prod);
        assertThat(registry.resolve("https://PROD.example.com:6443/", "")).isSameAs(prod);
        assertThat(registry.resolve("https://10.0.0.1:6443", null)).isSameAs(home);
    }

    @Test
    void nameSelectsTheCluster() {
        assertThat(registry.resolve(null, "staging")).isSameAs(staging);
        assertThat(registry.resolve("  ", "home")).isSameAs(home);
    }

    @Test
    void inClusterServerAndNameMeanTheDefaultConnection() {
        assertThat(registry.resolve("https://kubernetes.default.svc", null)).isSameAs(home);
        assertThat(registry.resolve("https://kubernetes.default.svc/", null)).isSameAs(home);
        assertThat(registry.resolve(null, "in-cluster")).isSameAs(home);
        assertThat(registry.defaultConnection()).contains(home);
    }

    @Test
    void unknownServerNamesTheFieldAndTheConfiguredClusters() {
        assertThatThrownBy(() -> registry.resolve("https://dev.example.com", null))
                .isInstanceOfSatisfying(ClusterException.class,
                        e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.CONFIGURATION))
                .hasMessage("spec.destination.server: no cluster configured for https://dev.example.com; configured:"
                        + " home (https://10.0.0.1:6443), prod (https://prod.example.com:6443),"
                        + " staging (https://staging.example.com), in-cluster (https://kubernetes.default.svc)");
    }

    @Test
    void unknownNameNamesTheField() {
        assertThatThrownBy(() -> registry.resolve(null, "dev"))
                .hasMessageStartingWith("spec.destination.name: no cluster named 'dev'; configured: home (");
    }

    @Test
    void serverAndNameTogetherOrNeitherAreErrors() {
        assertThatThrownBy(() -> registry.resolve("https://prod.example.com:6443", "prod"))
                .hasMessage("spec.destination: set either server or name, not both"
                        + " (server https://prod.example.com:6443, name prod)");
        assertThatThrownBy(() -> registry.resolve(null, " "))
                .hasMessage("spec.destination: server or name is required");
    }

    @Test
    void withoutDefaultConnectionInClusterIsUnknown() {
        ClusterRegistry noDefault = ClusterRegistry.builder().add(prod).build();

        assertThatThrownBy(() -> noDefault.resolve("https://kubernetes.default.svc", null))
                .hasMessage("spec.destination.server: no cluster configured for https://kubernetes.default.svc;"
                        + " configured: prod (https://prod.example.com:6443)");
        assertThatThrownBy(() -> ClusterRegistry.builder().build().resolve(null, "in-cluster"))
                .hasMessage("spec.destination.name: no cluster named 'in-cluster'; no clusters are configured");
    }

    @Test
    void namesAndServersMustBeUnique() {
        assertThatThrownBy(() -> ClusterRegistry.builder().add(prod).add(token("prod", "https://other.example")))
                .hasMessage("cluster prod: name already used for server https://prod.example.com:6443");
        assertThatThrownBy(() -> ClusterRegistry.builder().add(prod).add(token("eu", "https://prod.example.com:6443/")))
                .hasMessage("cluster eu: server https://prod.example.com:6443 is already configured as cluster prod");
    }

    @Test
    void closeClosesEveryConnection() {
        prod.client();

        registry.close();

        assertThat(registry.connections()).containsExactly(home, prod, staging);
        assertThat(prod.connected()).isFalse();
        assertThatThrownBy(staging::client).isInstanceOf(IllegalStateException.class);
    }

    private static ClusterConnection token(String name, String server) {
        return ClusterConnection.withBearerToken(name, server, "token-of-" + name, null, true, null);
    }
}
