package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.sync.TestObjects.describe;
import static io.jenkins.plugins.gitops.engine.sync.TestObjects.fixture;
import static io.jenkins.plugins.gitops.engine.sync.TestObjects.obj;
import static io.jenkins.plugins.gitops.engine.sync.TestObjects.objs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pruning, selective sync, the allowEmpty guard and application deletion. */
class SyncPlannerPruneTest {

    private static final Instant STARTED = Instant.ofEpochSecond(1_700_000_000L);

    private final SyncPlanner planner = new SyncPlanner();

    private static SyncRequest.Builder request() {
        return SyncRequest.builder("guestbook").revision("abcdef1234567890").startedAt(STARTED);
    }

    private static List<String> tasks(SyncPlan plan) {
        return describe(plan.tasks().list());
    }

    private static SyncTask task(SyncPlan plan, String name) {
        return plan.tasks().list().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static SyncOptions app(String... options) {
        return SyncOptions.fromApplication(List.of(options));
    }

    @Test
    void liveObjectsMissingFromGitArePrunedInReverseWaves() {
        SyncPlan plan = planner.plan(request().prune(true)
                .desired(objs("Deployment/shop/web@1"))
                .live(objs("Deployment/shop/web@1", "ConfigMap/shop/old@-1", "Service/shop/old@3"))
                .build());

        assertThat(tasks(plan)).containsExactly(
                "prune Service/shop/old@-1",
                "Deployment/shop/web@1",
                "prune ConfigMap/shop/old@3");
        assertThat(task(plan, "web").isCreate()).isFalse();
        assertThat(plan.tasks().list()).allSatisfy(t -> assertThat(t.plannedResult()).isEmpty());
    }

    @Test
    void withoutPruneEnabledPrunesAreSkippedWithReason() {
        SyncPlan plan = planner.plan(request().prune(false)
                .desired(objs("Deployment/shop/web"))
                .live(objs("ConfigMap/shop/old"))
                .build());

        SyncTask old = task(plan, "old");
        assertThat(old.isPrune()).isTrue();
        assertThat(old.plannedResult()).hasValue(ResourceResultStatus.PruneSkipped);
        assertThat(old.skipReason()).hasValue("prune not enabled");
        assertThat(task(plan, "web").isCreate()).isTrue();
    }

    @Test
    void pruneFalseOnTheLiveObjectOrTheApplicationSkipsThePrune() {
        KubeObject keep = obj("PersistentVolumeClaim/shop/data", "argocd.argoproj.io/sync-options=Prune=false");
        SyncPlan plan = planner.plan(request().prune(true).desired(objs("Deployment/shop/web"))
                .live(List.of(keep, obj("ConfigMap/shop/old"))).build());

        assertThat(task(plan, "data").skipReason()).hasValue("Prune=false");
        assertThat(task(plan, "old").skipReason()).isEmpty();

        SyncPlan appWide = planner.plan(request().prune(true).appOptions(app("Prune=false"))
                .desired(objs("Deployment/shop/web")).live(objs("ConfigMap/shop/old")).build());
        assertThat(task(appWide, "old").skipReason()).hasValue("Prune=false");
    }

    @Test
    void pruneTrueOnTheResourceOverridesPruneFalseOnTheApplication() {
        KubeObject old = obj("ConfigMap/shop/old", "argocd.argoproj.io/sync-options=Prune=true");
        SyncPlan plan = planner.plan(request().prune(true).appOptions(app("Prune=false"))
                .desired(objs("Deployment/shop/web")).live(List.of(old)).build());

        assertThat(task(plan, "old").skipReason()).isEmpty();
    }

    @Test
    void pruneConfirmWaitsForConfirmation() {
        KubeObject ns = obj("Namespace/team", "argocd.argoproj.io/sync-options=Prune=confirm");
        SyncRequest.Builder base = request().prune(true).desired(objs("ConfigMap/shop/c")).live(List.of(ns));

        SyncPlan unconfirmed = planner.plan(base.build());
        assertThat(task(unconfirmed, "team").awaitingConfirmation()).isTrue();
        assertThat(task(unconfirmed, "team").plannedResult()).hasValue(ResourceResultStatus.PruneSkipped);
        assertThat(unconfirmed.awaitingConfirmation()).extracting(SyncTask::name).containsExactly("team");

        SyncPlan confirmed = planner.plan(base.pruneConfirmed(true).build());
        assertThat(task(confirmed, "team").skipReason()).isEmpty();
        assertThat(confirmed.awaitingConfirmation()).isEmpty();
    }

    @Test
    void pruneLastFromTheApplicationPrunesAfterAllWaves() {
        SyncPlan plan = planner.plan(request().prune(true).appOptions(app("PruneLast=true"))
                .desired(objs("Deployment/shop/web@2", "Service/shop/web@0"))
                .live(objs("ConfigMap/shop/old@-3"))
                .build());

        assertThat(tasks(plan)).containsExactly(
                "Service/shop/web@0", "Deployment/shop/web@2", "prune ConfigMap/shop/old@3");
    }

    @Test
    void selectiveSyncKeepsOnlySelectedResourcesAndRunsNoHooks() {
        List<KubeObject> desired = fixture("guestbook-with-hooks.yaml");
        ResourceKey web = new ResourceKey("apps", "Deployment", "guestbook", "web");
        ResourceKey stale = new ResourceKey("", "Secret", "guestbook", "stale");
        SyncPlan plan = planner.plan(request().prune(true).desired(desired)
                .live(objs("Secret/guestbook/stale", "Secret/guestbook/unselected"))
                .selected(Set.of(web, stale)).build());

        assertThat(tasks(plan)).containsExactly("prune Secret/guestbook/stale@0", "Deployment/guestbook/web@0");
        assertThat(plan.syncFailStep()).isEmpty();
    }

    @Test
    void refusesToPruneEverythingWhenAllowEmptyIsFalse() {
        SyncRequest.Builder wipe = request().prune(true).desired(List.of())
                .live(objs("Deployment/shop/web", "Service/shop/web"));

        SyncPlan refused = planner.plan(wipe.build());
        assertThat(refused.valid()).isFalse();
        assertThat(refused.problems()).extracting(PlanProblem::message).containsExactly(
                "refusing to sync: Git declares no resources, so the sync would prune all 2 live resource(s) and"
                        + " apply nothing (allowEmpty is false)");
        assertThatThrownBy(refused::requireValid).isInstanceOf(SyncPlanException.class)
                .hasMessageStartingWith("guestbook: sync refused: refusing to sync: Git declares no resources");

        SyncPlan allowed = planner.plan(wipe.allowEmpty(true).build());
        assertThat(allowed.valid()).isTrue();
        assertThat(tasks(allowed)).containsExactly("prune Service/shop/web@0", "prune Deployment/shop/web@0");
    }

    @Test
    void emptyGitWithoutPruneIsNotRefusedBecauseNothingIsDeleted() {
        SyncPlan plan = planner.plan(request().prune(false).live(objs("Service/shop/web")).build());

        assertThat(plan.valid()).isTrue();
        assertThat(task(plan, "web").skipReason()).hasValue("prune not enabled");
    }

    @Test
    void unreadableLiveAnnotationsWarnAndNeverRiskAPrune() {
        KubeObject badWave = obj("ConfigMap/shop/bad-wave@soon");
        KubeObject badOptions = obj("ConfigMap/shop/bad-options", "argocd.argoproj.io/sync-options=Prune=nope");
        SyncPlan plan = planner.plan(request().prune(true).desired(objs("Service/shop/web"))
                .live(List.of(badWave, badOptions)).build());

        assertThat(plan.valid()).isTrue();
        assertThat(plan.warnings()).containsExactly("ConfigMap shop/bad-wave (test/configmap.yaml): annotation"
                + " argocd.argoproj.io/sync-wave must be an integer (may be negative), got 'soon'; pruning it in wave 0");
        assertThat(task(plan, "bad-wave").skipReason()).isEmpty();
        assertThat(task(plan, "bad-options").skipReason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("cannot read its sync options: invalid sync option 'Prune=nope'"));
    }

    @Test
    void deletionDeletesEverythingInReverseWavesExceptDeleteFalseAndUnconfirmed() {
        Map<ResourceKey, KubeObject> live = Map.of(
                new ResourceKey("", "PersistentVolumeClaim", "shop", "data"),
                obj("PersistentVolumeClaim/shop/data", "argocd.argoproj.io/sync-options=Delete=false"),
                new ResourceKey("", "Namespace", "", "shop"),
                obj("Namespace/shop@-1", "argocd.argoproj.io/sync-options=Delete=confirm"),
                new ResourceKey("apps", "Deployment", "shop", "web"), obj("Deployment/shop/web@2"));

        SyncPlan plan = planner.planDeletion("guestbook", live, SyncOptions.DEFAULTS, false);

        assertThat(tasks(plan)).containsExactly(
                "prune Deployment/shop/web@-1", "prune PersistentVolumeClaim/shop/data@0", "prune Namespace/shop@2");
        assertThat(task(plan, "data").skipReason()).hasValue("Delete=false");
        assertThat(task(plan, "web").skipReason()).isEmpty();
        assertThat(plan.awaitingConfirmation()).extracting(SyncTask::name).containsExactly("shop");
        assertThat(planner.planDeletion("guestbook", live, SyncOptions.DEFAULTS, true).awaitingConfirmation())
                .isEmpty();
        assertThat(task(planner.planDeletion("guestbook", live, app("Delete=false"), true), "web").skipReason())
                .hasValue("Delete=false");
    }
}
