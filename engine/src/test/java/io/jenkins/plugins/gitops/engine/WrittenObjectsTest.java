package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.PropagationPolicy;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The record of an operation's writes sits between the sync and the cluster: it must pass every call on, including
 * the one-list look at many objects of a kind that a wave's health wait uses (without it the wait fell back to one GET
 * per object in every engine sync).
 */
class WrittenObjectsTest {

    static final ResourceKey CONFIG_MAPS = new ResourceKey("", "ConfigMap", "shop", "");

    static KubeObject configMap(String name) throws Exception {
        return new KubeObject((ObjectNode) Yaml.YAML.readTree(
                "{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: shop}}"), "live");
    }

    /** Answers lists with one object; everything else is not expected. */
    static final class ListingCluster implements ResourceApplier {
        @Override
        public KubeObject apply(KubeObject desired, ApplyOptions options) {
            return desired;
        }

        @Override
        public KubeObject replace(KubeObject desired, boolean force, ApplyOptions options) {
            return desired;
        }

        @Override
        public KubeObject create(KubeObject desired, ApplyOptions options) {
            return desired;
        }

        @Override
        public boolean delete(ResourceKey key, PropagationPolicy propagation, boolean dryRun) {
            return true;
        }

        @Override
        public boolean removeFinalizer(ResourceKey key, String finalizer) {
            return false;
        }

        @Override
        public Optional<KubeObject> get(ResourceKey key) {
            return Optional.empty();
        }

        @Override
        public Optional<Map<String, KubeObject>> listLike(ResourceKey kind) {
            try {
                return Optional.of(Map.of("settings", configMap("settings")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void listsOfAKindReachTheCluster() {
        WrittenObjects written = new WrittenObjects(new ListingCluster());

        assertThat(written.listLike(CONFIG_MAPS)).hasValueSatisfying(m -> assertThat(m).containsOnlyKeys("settings"));
    }

    @Test
    void remembersRealWritesAndDeletionsButNotDryRuns() throws Exception {
        WrittenObjects written = new WrittenObjects(new ListingCluster());

        written.apply(configMap("a"), ApplyOptions.defaults().withDryRun(true));
        written.apply(configMap("b"), ApplyOptions.defaults());
        written.delete(new ResourceKey("", "ConfigMap", "shop", "c"), PropagationPolicy.FOREGROUND, false);

        assertThat(written.written()).extracting(KubeObject::name).containsExactly("b");
        assertThat(written.deleted()).extracting(ResourceKey::name).containsExactly("c");
    }
}
