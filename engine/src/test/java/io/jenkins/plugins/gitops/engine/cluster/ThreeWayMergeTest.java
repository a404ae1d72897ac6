package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One directory per case under {@code merge/}: {@code last-applied.yaml} (absent when the live object has no
 * annotation), {@code desired.yaml} (Git), {@code live.yaml} (cluster) and {@code expected.yaml}. Strategic list merge
 * applies when the desired object's group is a built-in one, as in {@link ClientSideApplier}.
 */
class ThreeWayMergeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "field-dropped-from-git",
        "server-added-fields-kept",
        "containers-merged-by-name",
        "explicit-null-deletes",
        "custom-resource-lists-replaced",
        "no-last-applied-removes-nothing",
        "finalizers-merged-as-set"
    })
    void mergesLikeKubectlApply(String name) throws IOException {
        ObjectNode desired = read(name, "desired.yaml");
        boolean strategic = MergeKeys.builtInGroup(KubeObject.of(desired).group());

        ObjectNode merged = ThreeWayMerge.merge(read(name, "last-applied.yaml"), desired, read(name, "live.yaml"),
                strategic);

        assertThat(Yaml.write(merged)).isEqualTo(Yaml.write(read(name, "expected.yaml")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "apps", "batch", "networking.k8s.io", "rbac.authorization.k8s.io"})
    void builtInGroupsMergeStrategically(String group) {
        assertThat(MergeKeys.builtInGroup(group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "argoproj.io", "cert-manager.io"})
    void customGroupsReplaceLists(String group) {
        assertThat(MergeKeys.builtInGroup(group)).isFalse();
    }

    private static ObjectNode read(String dir, String file) throws IOException {
        try (InputStream in = ThreeWayMergeTest.class.getResourceAsStream("merge/" + dir + "/" + file)) {
            return in == null ? null : (ObjectNode) Yaml.YAML.readTree(in);
        }
    }
}
