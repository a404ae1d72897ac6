package io.jenkins.plugins.gitops.engine.reconcile.drift;

import static io.jenkins.plugins.gitops.engine.reconcile.drift.DriftFixtures.WEB;
import static io.jenkins.plugins.gitops.engine.reconcile.drift.DriftFixtures.WEB_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.diff.AppDiff;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.reconcile.DriftEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    static final Instant NOW = Instant.parse("2024-05-01T10:25:00Z");
    static final String SYNCED = "8f3c2a1d9e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a";
    static final String NEWER = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";

    private final DriftDetector detector = new DriftDetector("shop", Clock.fixed(NOW, ZoneOffset.UTC));
    private final DriftFixtures.Case incident = DriftFixtures.load("incident");
    private final DiffResult refresh = incident.compare();

    @Test
    void driftAtTheSyncedRevisionGivesOneEventPerDriftedResource() {
        List<DriftEvent> events = detector.detect(SYNCED, SYNCED, refresh, incident.live(), DriftDetector.REPORTED);

        assertThat(events).extracting(DriftEvent::resource).containsExactly(WEB_SERVICE, WEB);
        DriftEvent web = events.get(1);
        assertThat(web.detectedAt()).isEqualTo(NOW);
        assertThat(web.fields()).containsExactly(
                "metadata.labels.team",
                "metadata.labels.tier",
                "spec.replicas",
                "spec.revisionHistoryLimit",
                "spec.template.spec.containers[name=web].image",
                "spec.template.spec.containers[name=web].args[2]",
                "spec.template.spec.containers[name=web].ports[containerPort=8080].name",
                "spec.template.spec.containers[name=web].env[name=LOG_LEVEL].value");
        assertThat(web.changedBy()).as("each manager once, most recent first")
                .isEqualTo("kubectl-set, kubectl-edit, kubectl-client-side-apply, kubectl-label");
        assertThat(web.operation()).isEqualTo("Update");
        assertThat(web.action()).isEqualTo("reported");
    }

    @Test
    void aResourceDeletedBehindOurBackIsDriftByAnUnknownHand() {
        List<DriftEvent> events = detector.detect(SYNCED, SYNCED, refresh, incident.live(), DriftDetector.REVERTED);

        assertThat(events.get(0)).isEqualTo(
                new DriftEvent(NOW, WEB_SERVICE, List.of("(deleted)"), "unknown", "", "reverted"));
    }

    @Test
    void resourcesThatRequirePruningAreExtraneousNotDrift() {
        assertThat(refresh.requiresPruning()).containsExactly(DriftFixtures.WEB_OLD);

        List<DriftEvent> events = detector.detect(SYNCED, SYNCED, refresh, incident.live(), DriftDetector.PAUSED);

        assertThat(events).extracting(DriftEvent::resource)
                .doesNotContain(DriftFixtures.WEB_OLD, DriftFixtures.WEB_CONFIG);
        assertThat(events).extracting(DriftEvent::action).containsOnly("paused");
    }

    @Test
    void aNewCommitIsADeploymentToMakeNotDrift() {
        assertThat(detector.detect(SYNCED, NEWER, refresh, incident.live(), DriftDetector.REVERTED)).isEmpty();
        assertThat(detector.detect(null, SYNCED, refresh, incident.live(), DriftDetector.REVERTED))
                .as("never synced").isEmpty();
        assertThat(detector.detect("", "", refresh, incident.live(), DriftDetector.REVERTED)).isEmpty();
    }

    @Test
    void aSyncedApplicationHasNoDrift() {
        Map<ResourceKey, KubeObject> live = Map.of(DriftFixtures.WEB_CONFIG, incident.live(DriftFixtures.WEB_CONFIG));
        DiffResult synced = new AppDiff(DiffOptions.defaults()).compare(
                incident.desired().stream().filter(o -> o.key().equals(DriftFixtures.WEB_CONFIG)).toList(), live);

        assertThat(detector.detect(SYNCED, SYNCED, synced, live, DriftDetector.REVERTED)).isEmpty();
    }

    @Test
    void driftNobodyRecordedIsChangedByUnknown() {
        KubeObject desired = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: flags
                  namespace: shop
                  labels:
                    tier: frontend
                data:
                  checkout: "on"
                """);
        KubeObject live = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: flags
                  namespace: shop
                data:
                  checkout: "off"
                """);
        Map<ResourceKey, KubeObject> liveMap = Map.of(live.key(), live);
        DiffResult diff = new AppDiff(DiffOptions.defaults()).compare(List.of(desired), liveMap);

        List<DriftEvent> events = detector.detect(SYNCED, SYNCED, diff, liveMap, DriftDetector.REPORTED);

        assertThat(events).containsExactly(new DriftEvent(NOW, live.key(),
                List.of("metadata.labels", "data.checkout"), "unknown", "", "reported"));
    }

    @Test
    void replicasScaledByTheAutoscalerNameTheController() {
        KubeObject live = DriftFixtures.read("precedence/live.yaml").get(0);
        var desired = live.mutableCopy();
        var metadata = desired.putObject("metadata").put("name", "dns").put("namespace", "infra");
        metadata.putObject("labels").put("app", "dns");
        desired.with("spec").put("replicas", 2);
        Map<ResourceKey, KubeObject> liveMap = Map.of(live.key(), live);
        DiffResult diff = new AppDiff(DiffOptions.defaults()).compare(List.of(KubeObject.of(desired)), liveMap);

        List<DriftEvent> events = detector.detect(SYNCED, SYNCED, diff, liveMap, DriftDetector.REVERTED);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.fields()).containsExactly("spec.replicas");
            assertThat(e.changedBy()).isEqualTo("kube-controller-manager");
            assertThat(e.operation()).isEqualTo("Update");
        });
    }

    @Test
    void anUnknownActionIsRejectedNamingTheApplication() {
        assertThatThrownBy(() -> detector.detect(SYNCED, SYNCED, refresh, incident.live(), "ignored"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drift action of application shop must be one of paused, reported, reverted, "
                        + "not 'ignored'");
    }

    private static KubeObject yaml(String text) {
        try {
            return new KubeObject((com.fasterxml.jackson.databind.node.ObjectNode) Yaml.YAML.readTree(text), "test");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
