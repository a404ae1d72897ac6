package io.jenkins.plugins.gitops.engine.reconcile.drift;

import static io.jenkins.plugins.gitops.engine.reconcile.drift.DriftFixtures.WEB;
import static io.jenkins.plugins.gitops.engine.reconcile.drift.DriftFixtures.WEB_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.diff.AppDiff;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.history.MemoryStateStore;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.reconcile.DriftEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DriftLogTest {

    static final Instant T0 = Instant.parse("2024-05-01T10:25:00Z");

    private final DriftFixtures.Case incident = DriftFixtures.load("incident");
    /** The incident: web and its Service OutOfSync. */
    private final DiffResult drifted = incident.compare();
    /** After self-heal: everything Git declares is live again exactly as declared. */
    private final DiffResult healed = new AppDiff(DiffOptions.defaults()).compare(incident.desired(),
            incident.desired().stream().collect(Collectors.toMap(KubeObject::key, Function.identity())));

    static DriftEvent event(int minute, ResourceKey key, List<String> fields, String by) {
        return new DriftEvent(T0.plusSeconds(60L * minute), key, fields, by, "Update", DriftDetector.REPORTED);
    }

    @Test
    void keepsTheNewestEventsFirstUpToTheLimit() {
        DriftLog log = new DriftLog(3);
        for (int i = 0; i < 5; i++) {
            log.record(List.of(event(i, new ResourceKey("", "ConfigMap", "shop", "cm-" + i), List.of("data.x"), "a")));
        }

        assertThat(log.events()).extracting(e -> e.resource().name()).containsExactly("cm-4", "cm-3", "cm-2");
        assertThat(new DriftLog().limit()).isEqualTo(100);
    }

    @Test
    void oneRefreshKeepsItsOrderInFrontOfOlderEvents() {
        DriftLog log = new DriftLog();
        log.record(List.of(event(0, WEB, List.of("spec.replicas"), "kubectl-edit")));
        log.record(List.of(event(5, WEB_SERVICE, List.of("(deleted)"), "unknown"),
                event(5, WEB, List.of("spec.replicas", "spec.template.spec.containers[name=web].image"),
                        "kubectl-set")));

        assertThat(log.events()).extracting(DriftEvent::detectedAt, DriftEvent::resource).containsExactly(
                org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(300), WEB_SERVICE),
                org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(300), WEB),
                org.assertj.core.groups.Tuple.tuple(T0, WEB));
    }

    @Test
    void theSameDriftSeenByConsecutiveRefreshesIsRecordedOnce() {
        DriftLog log = new DriftLog();
        String people = "kubectl-edit, kubectl-label";
        DriftEvent first = event(0, WEB, List.of("spec.replicas", "metadata.labels.team"), people);
        DriftEvent again = event(3, WEB, List.of("metadata.labels.team", "spec.replicas"), people);

        assertThat(log.refreshed(drifted, List.of(first))).containsExactly(first);
        assertThat(log.refreshed(drifted, List.of(again))).as("same fields in another order, same people").isEmpty();

        assertThat(log.events()).containsExactly(first);
        assertThat(log.openEpisodes()).containsExactly(WEB);
    }

    @Test
    void newDriftWithinAnEpisodeIsRecordedAndBecomesTheReference() {
        DriftLog log = new DriftLog();
        DriftEvent edit = event(0, WEB, List.of("spec.replicas"), "kubectl-edit");
        DriftEvent image = event(3, WEB, List.of("spec.replicas", "spec.template.spec.containers[name=web].image"),
                "kubectl-set, kubectl-edit");
        DriftEvent imageAgain = event(6, WEB, image.fields(), image.changedBy());
        DriftEvent editAgain = event(9, WEB, edit.fields(), edit.changedBy());

        log.refreshed(drifted, List.of(edit));
        log.refreshed(drifted, List.of(image));
        log.refreshed(drifted, List.of(imageAgain));
        log.refreshed(drifted, List.of(editAgain));

        assertThat(log.events()).containsExactly(editAgain, image, edit);
    }

    @Test
    void anEpisodeEndsWhenTheResourceIsSyncedAgain() {
        DriftLog log = new DriftLog();
        DriftEvent deleted = event(0, WEB_SERVICE, List.of("(deleted)"), "unknown");
        DriftEvent replicas = event(0, WEB, List.of("spec.replicas"), "kubectl-edit");
        log.refreshed(drifted, List.of(deleted, replicas));

        log.refreshed(healed, List.of());
        assertThat(log.openEpisodes()).isEmpty();

        DriftEvent deletedAgain = event(30, WEB_SERVICE, List.of("(deleted)"), "unknown");
        assertThat(log.refreshed(drifted, List.of(deletedAgain))).containsExactly(deletedAgain);
        assertThat(log.events()).containsExactly(deletedAgain, deleted, replicas);
    }

    @Test
    void episodesOfOtherResourcesStayOpen() {
        DriftLog log = new DriftLog();
        DriftEvent replicas = event(0, WEB, List.of("spec.replicas"), "kubectl-edit");
        log.record(List.of(replicas));

        log.synced(List.of(WEB_SERVICE));

        assertThat(log.record(List.of(event(1, WEB, List.of("spec.replicas"), "kubectl-edit")))).isEmpty();
    }

    @Test
    void survivesARestartThroughTheStateStore() {
        MemoryStateStore store = new MemoryStateStore();
        DriftLog log = new DriftLog(10);
        DriftEvent deleted = event(0, WEB_SERVICE, List.of("(deleted)"), "unknown");
        DriftEvent replicas = new DriftEvent(T0, WEB, List.of("spec.replicas"), "kubectl-edit", "Update",
                DriftDetector.REVERTED);
        log.refreshed(drifted, List.of(deleted, replicas));
        log.synced(List.of(WEB));
        log.save(store, "shop");

        JsonNode doc = store.read("shop", "drift").orElseThrow();
        assertThat(doc.at("/events/0/detectedAt").asText()).isEqualTo("2024-05-01T10:25:00Z");
        assertThat(doc.at("/events/1/resource/kind").asText()).isEqualTo("Deployment");
        assertThat(doc.at("/events/1/changedBy").asText()).isEqualTo("kubectl-edit");

        DriftLog restored = DriftLog.load(store, "shop", 10);
        assertThat(restored.events()).containsExactlyElementsOf(log.events());
        assertThat(restored.openEpisodes()).containsExactly(WEB_SERVICE);
        assertThat(restored.record(List.of(event(5, WEB_SERVICE, List.of("(deleted)"), "unknown"))))
                .as("the open episode survived the restart").isEmpty();
    }

    @Test
    void loadingAppliesTheLimitAndAMissingDocumentIsAnEmptyLog() {
        MemoryStateStore store = new MemoryStateStore();
        DriftLog log = new DriftLog();
        for (int i = 0; i < 4; i++) {
            log.record(List.of(event(i, WEB, List.of("spec.replicas"), "person-" + i)));
        }
        log.save(store, "shop");

        assertThat(DriftLog.load(store, "shop", 2).events()).extracting(DriftEvent::changedBy)
                .containsExactly("person-3", "person-2");
        assertThat(DriftLog.load(store, "guestbook", 100).events()).isEmpty();
    }

    @Test
    void anUnreadableDocumentNamesTheApplicationAndTheEntry() throws Exception {
        MemoryStateStore store = new MemoryStateStore();
        store.write("shop", "drift", Yaml.JSON.readTree("""
                {"events": [{"detectedAt": "2024-05-01T10:25:00Z", "resource": {"group": "apps", "kind": "Deployment",
                 "namespace": "shop", "name": "web"}, "fields": ["spec.replicas"], "changedBy": "x",
                 "operation": "Update", "action": "reported"},
                 {"detectedAt": "yesterday", "resource": {"kind": "Deployment"}, "fields": []}]}
                """));

        assertThatThrownBy(() -> DriftLog.load(store, "shop", 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("drift log of shop (document drift): events[1] is not a drift event");
        store.write("shop", "drift", Yaml.JSON.readTree("[]"));
        assertThatThrownBy(() -> DriftLog.load(store, "shop", 100))
                .hasMessage("drift log of shop (document drift) is not a JSON object");
        assertThatThrownBy(() -> new DriftLog(0)).hasMessageContaining("at least 1");
    }

    @Test
    void concurrentRefreshesLoseNothingAndKeepTheBound() throws Exception {
        DriftLog log = new DriftLog(50);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        ResourceKey key = new ResourceKey("", "ConfigMap", "t" + thread, "cm-" + i);
                        log.record(List.of(event(i, key, List.of("data.x"), "a")));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(log.events()).hasSize(50).doesNotHaveDuplicates();
        assertThat(log.openEpisodes()).hasSize(80);
    }

    @Test
    void detectorAndLogTogetherRecordTheIncidentOnce() {
        DriftDetector detector = new DriftDetector("shop", java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
        DriftLog log = new DriftLog();
        Map<ResourceKey, KubeObject> live = incident.live();

        for (int refresh = 0; refresh < 3; refresh++) {
            log.refreshed(drifted, detector.detect("abc", "abc", drifted, live, DriftDetector.PAUSED));
        }

        assertThat(log.events()).extracting(DriftEvent::resource).containsExactly(WEB_SERVICE, WEB);
    }
}
