package io.jenkins.plugins.gitops.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Planning a hook that only has {@code metadata.generateName}: named as gitops-engine names it, stamped by the
 * request's tracker once named, and given the earlier runs of the same hook for {@code BeforeHookCreation}.
 */
class GenerateNameHookPlanTest {

    static final Instant STARTED = Instant.ofEpochSecond(1_700_000_000L);

    static KubeObject object(String yaml) {
        try {
            return new KubeObject((com.fasterxml.jackson.databind.node.ObjectNode) Yaml.YAML.readTree(yaml), "hooks.yaml");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final KubeObject HOOK = object("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              generateName: migrate-
              namespace: shop
              annotations: {argocd.argoproj.io/hook: PreSync}
            """);

    static KubeObject earlierRun(String name, String generateName, String hook) {
        return object("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                  generateName: %s
                  namespace: shop
                  annotations: {argocd.argoproj.io/hook: %s}
                """.formatted(name, generateName, hook));
    }

    @Test
    void aGeneratedNameIsStampedAndFindsTheEarlierRunsOfTheSameHook() {
        KubeObject previous = earlierRun("migrate-1111111-presync-1600000000", "migrate-", "PreSync");
        KubeObject otherHook = earlierRun("seed-1111111-sync-1600000000", "seed-", "Sync");
        SyncPlan plan = new SyncPlanner().plan(SyncRequest.builder("shop").desired(List.of(HOOK))
                .live(List.of(previous, otherHook)).revision("abcdef1234567890").startedAt(STARTED)
                .trackHook(o -> o.withAnnotation("argocd.argoproj.io/tracking-id", "shop:batch/Job:shop/" + o.name()))
                .build());

        SyncTask task = plan.tasks().list().get(0);
        assertThat(task.name()).isEqualTo("migrate-abcdef1-presync-1700000000");
        assertThat(task.target().orElseThrow().generateName()).isEqualTo("migrate-");
        assertThat(task.target().orElseThrow().annotation("argocd.argoproj.io/tracking-id"))
                .isEqualTo("shop:batch/Job:shop/migrate-abcdef1-presync-1700000000");
        assertThat(task.live()).isEmpty();
        assertThat(task.leftovers()).containsExactly(previous);
        assertThat(task.deleteBeforeCreation()).isTrue();
        assertThat(plan.tasks().list()).extracting(SyncTask::isPrune).containsOnly(false);
    }

    @Test
    void aResourceWithOnlyGenerateNameIsRefusedNamingItsFile() {
        KubeObject job = object("""
                apiVersion: batch/v1
                kind: Job
                metadata: {generateName: report-, namespace: shop}
                """);

        SyncPlan plan = new SyncPlanner().plan(SyncRequest.builder("shop").desired(List.of(job)).build());

        assertThat(plan.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("hooks.yaml: Job has no metadata.name (only hooks may use metadata.generateName 'report-'"));
    }
}
