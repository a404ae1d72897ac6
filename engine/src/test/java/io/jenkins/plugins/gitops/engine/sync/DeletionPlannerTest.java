package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.sync.TestObjects.describe;
import static io.jenkins.plugins.gitops.engine.sync.TestObjects.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three plans of an application deletion: PreDelete hooks, the tracked resources, PostDelete hooks. */
class DeletionPlannerTest {

    private static final Instant STARTED = Instant.ofEpochSecond(1_700_000_000L);
    private static final String HOOK = "argocd.argoproj.io/hook=";

    private final DeletionPlanner planner = new DeletionPlanner();

    private final List<KubeObject> desired = List.of(
            obj("Deployment/shop/web@1"),
            obj("Job/shop/backup@-1", HOOK + "PreDelete"),
            obj("Job/shop/drain", HOOK + "PreSync,PreDelete"),
            obj("Job/shop/helm-cleanup", "helm.sh/hook=pre-delete"),
            obj("Job/shop/migrate", HOOK + "PreSync"),
            obj("Job/shop/notify", HOOK + "PostDelete", "argocd.argoproj.io/hook-delete-policy=HookSucceeded"),
            obj("Job/shop/helm-notify", "helm.sh/hook=post-delete"));

    private SyncPlan hooks(SyncPhase phase, Map<ResourceKey, KubeObject> live) {
        return planner.planHooks("guestbook", phase, desired, live, SyncOptions.DEFAULTS, "abcdef1234567890", STARTED);
    }

    @Test
    void preDeleteHooksAreArgoAndHelmPreDeleteHooksInWaveOrder() {
        SyncPlan plan = hooks(SyncPhase.PreDelete, Map.of());

        assertThat(plan.valid()).isTrue();
        assertThat(describe(plan.tasks().list())).containsExactly(
                "PreDelete:Job/shop/backup@-1", "PreDelete:Job/shop/drain@0", "PreDelete:Job/shop/helm-cleanup@0");
        assertThat(plan.steps()).extracting(SyncStep::phase).containsOnly(SyncPhase.PreDelete);
        assertThat(plan.tasks().list()).allSatisfy(t -> {
            assertThat(t.isHook()).isTrue();
            assertThat(t.hookType()).hasValue(HookType.PreDelete);
        });
    }

    @Test
    void postDeleteHooksKeepTheirDeletePolicyAndReplaceAHookLeftFromAnEarlierAttempt() {
        KubeObject leftOver = obj("Job/shop/helm-notify", "helm.sh/hook=post-delete");
        SyncPlan plan = hooks(SyncPhase.PostDelete, Map.of(leftOver.key(), leftOver));

        assertThat(describe(plan.tasks().list())).containsExactly(
                "PostDelete:Job/shop/helm-notify@0", "PostDelete:Job/shop/notify@0");
        SyncTask helm = plan.tasks().list().get(0);
        assertThat(helm.live()).isPresent();
        assertThat(helm.deleteBeforeCreation()).isTrue();
        assertThat(plan.tasks().list().get(1).hasDeletePolicy(
                io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy.HookSucceeded)).isTrue();
    }

    @Test
    void aBadAnnotationOnADeletionHookRefusesThePlanButNotOnOtherObjects() {
        List<KubeObject> objects = List.of(obj("Job/shop/backup@soon", HOOK + "PreDelete"),
                obj("ConfigMap/shop/settings@later"));

        SyncPlan pre = planner.planHooks("guestbook", SyncPhase.PreDelete, objects, Map.of(), SyncOptions.DEFAULTS,
                "abc", STARTED);
        SyncPlan post = planner.planHooks("guestbook", SyncPhase.PostDelete, objects, Map.of(), SyncOptions.DEFAULTS,
                "abc", STARTED);

        assertThat(pre.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("backup"));
        assertThat(post.valid()).isTrue();
        assertThat(post.tasks().isEmpty()).isTrue();
    }

    @Test
    void resourcesAreDeletedInReverseWaveOrderWithTheCascadePropagation() {
        Map<ResourceKey, KubeObject> live = new LinkedHashMap<>();
        for (KubeObject o : List.of(obj("ConfigMap/shop/settings@-1"), obj("Deployment/shop/web@1"),
                obj("Job/shop/backup", HOOK + "PreDelete"),
                obj("PersistentVolumeClaim/shop/data", "argocd.argoproj.io/sync-options=Delete=false"),
                obj("Secret/shop/keys", "helm.sh/resource-policy=keep"),
                TestObjects.crd("Widget", null))) {
            live.put(o.key(), o);
        }

        SyncPlan plan = planner.planResources("guestbook", live, SyncOptions.DEFAULTS, PropagationPolicy.BACKGROUND,
                false);

        assertThat(describe(plan.tasks().list())).containsExactly(
                "prune Deployment/shop/web@-1",
                "prune Secret/shop/keys@0", "prune PersistentVolumeClaim/shop/data@0",
                "prune CustomResourceDefinition/widgets.example.com@0", "prune Job/shop/backup@0",
                "prune ConfigMap/shop/settings@1");
        assertThat(plan.tasks().list()).allSatisfy(t -> assertThat(t.options().prunePropagationPolicy())
                .isEqualTo(PropagationPolicy.BACKGROUND));
        assertThat(skip(plan, "data")).isEqualTo("Delete=false");
        assertThat(skip(plan, "keys")).isEqualTo("helm.sh/resource-policy: keep");
        assertThat(skip(plan, "widgets.example.com")).startsWith("CustomResourceDefinitions are not deleted");
        assertThat(skip(plan, "web")).isEmpty();
    }

    @Test
    void deleteConfirmWaitsForConfirmation() {
        KubeObject ns = obj("Namespace/shop", "argocd.argoproj.io/sync-options=Delete=confirm");

        assertThat(planner.planResources("guestbook", Map.of(ns.key(), ns), SyncOptions.DEFAULTS,
                PropagationPolicy.FOREGROUND, false).awaitingConfirmation()).hasSize(1);
        assertThat(planner.planResources("guestbook", Map.of(ns.key(), ns), SyncOptions.DEFAULTS,
                PropagationPolicy.FOREGROUND, true).awaitingConfirmation()).isEmpty();
    }

    private static String skip(SyncPlan plan, String name) {
        return plan.tasks().list().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow()
                .skipReason().orElse("");
    }
}
