package io.jenkins.plugins.gitops.engine.diff;

import static io.jenkins.plugins.gitops.engine.diff.ResourceDifferTest.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDiffTest {

    private final AppDiff appDiff = new AppDiff(DiffOptions.defaults());

    private static KubeObject configMap(String name, String annotations, String value) {
        return obj("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", namespace: ns, annotations: {"
                + annotations + "}}\ndata: {k: " + value + "}");
    }

    @Test
    void ignoreExtraneousOnADesiredObjectDoesNotHideRealDrift() {
        KubeObject desired = configMap("a", "argocd.argoproj.io/compare-options: IgnoreExtraneous", "new");
        KubeObject live = configMap("a", "argocd.argoproj.io/compare-options: IgnoreExtraneous", "old");
        DiffResult r = appDiff.compare(List.of(desired), Map.of(live.key(), live));
        assertThat(r.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(r.requiresPruning()).isEmpty();
    }

    @Test
    void aMissingObjectWithIgnoreExtraneousStillCounts() {
        KubeObject desired = configMap("a", "argocd.argoproj.io/compare-options: IgnoreExtraneous", "v");
        DiffResult r = appDiff.compare(List.of(desired), Map.of());
        assertThat(r.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(r.resources()).singleElement().satisfies(d -> assertThat(d.missing()).isTrue());
    }

    @Test
    void aKeyRenderedTwiceIsComparedOnceWithAWarning() {
        KubeObject first = configMap("a", "", "one").withSource("a.yaml");
        KubeObject second = configMap("a", "", "two").withSource("b.yaml");
        DiffResult r = appDiff.compare(List.of(first, second), Map.of(first.key(), configMap("a", "", "two")));
        assertThat(r.resources()).hasSize(1);
        assertThat(r.syncStatus()).isEqualTo(SyncStatus.Synced);
        assertThat(r.warnings()).containsExactly(
                "ConfigMap ns/a is rendered more than once (a.yaml, b.yaml); the last one is compared");
    }

    @Test
    void aLargeApplicationComparedInParallelGivesEachObjectItsOwnResultInKeyOrder() {
        int n = AppDiff.PARALLEL_FROM + 72;
        List<KubeObject> desired = new java.util.ArrayList<>();
        Map<ResourceKey, KubeObject> live = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = "cm-%03d".formatted(i);
            desired.add(configMap(name, "", "v" + i));
            KubeObject l = configMap(name, "", i % 10 == 0 ? "drifted" : "v" + i);
            live.put(l.key(), l);
        }

        DiffResult r = appDiff.compare(desired, live);

        assertThat(r.resources()).hasSize(n).extracting(d -> d.key().name()).isSorted();
        assertThat(r.resources()).filteredOn(ResourceDiff::modified).extracting(d -> d.key().name())
                .hasSize((n + 9) / 10).allSatisfy(name -> assertThat(Integer.parseInt(name.substring(3)) % 10).isZero());
        assertThat(r.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
    }

    @Test
    void reportsPruningAndLooksResourcesUpByKey() {
        KubeObject extra = configMap("old", "", "v");
        DiffResult r = appDiff.compare(List.of(), Map.of(extra.key(), extra));
        ResourceKey key = new ResourceKey("", "ConfigMap", "ns", "old");
        assertThat(r.requiresPruning()).containsExactly(key);
        assertThat(r.resource(key)).hasValueSatisfying(d -> {
            assertThat(d.source()).isEqualTo("live");
            assertThat(d.differences()).singleElement()
                    .satisfies(f -> assertThat(f.reason()).isEqualTo(DifferenceReason.NOT_IN_GIT));
        });
        assertThat(r.outOfSync()).hasSize(1);
    }
}
