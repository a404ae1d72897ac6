package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.sync.TestObjects.describe;
import static io.jenkins.plugins.gitops.engine.sync.TestObjects.fixture;
import static io.jenkins.plugins.gitops.engine.sync.TestObjects.obj;
import static io.jenkins.plugins.gitops.engine.sync.TestObjects.objs;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {

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
    void hooksRunInTheirPhasesAndSkipPostDeleteAndHelmTestHooks() {
        SyncPlan plan = planner.plan(request().desired(fixture("guestbook-with-hooks.yaml")).build());

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.steps()).extracting(s -> s.phase() + "/" + s.wave() + " " + describe(s.tasks()))
                .containsExactly(
                        "PreSync/-2 [PreSync:Job/guestbook/helm-pre@-2]",
                        "PreSync/0 [PreSync:Job/guestbook/migrate-abcdef1-presync-1700000000@0]",
                        "Sync/-1 [ConfigMap/guestbook/config@-1]",
                        "Sync/0 [Service/guestbook/web@0, Deployment/guestbook/web@0]",
                        "PostSync/0 [PostSync:Job/guestbook/smoke-test@0]");
        assertThat(plan.syncFailStep()).hasValueSatisfying(s -> assertThat(describe(s.tasks()))
                .containsExactly("SyncFail:Pod/guestbook/notify-failure@0"));
    }

    @Test
    void hookTasksCarryTypeAndDeletePolicies() {
        SyncPlan plan = planner.plan(request().desired(fixture("guestbook-with-hooks.yaml")).build());

        SyncTask helm = task(plan, "helm-pre");
        assertThat(helm.isHook()).isTrue();
        assertThat(helm.hookType()).hasValue(HookType.PreSync);
        assertThat(helm.deletePolicies())
                .containsExactly(HookDeletePolicy.BeforeHookCreation, HookDeletePolicy.HookSucceeded);
        assertThat(task(plan, "smoke-test").deletePolicies()).containsExactly(HookDeletePolicy.BeforeHookCreation);
        assertThat(task(plan, "web").isHook()).isFalse();
        assertThat(task(plan, "web").hookType()).isEmpty();
    }

    @Test
    void hookInSeveralPhasesGetsOneNamePerPhase() {
        KubeObject hook = obj("Job/shop/x", "argocd.argoproj.io/hook=PreSync,PostSync");
        var node = hook.mutableCopy();
        node.with("metadata").remove("name");
        node.with("metadata").put("generateName", "check-");

        SyncPlan plan = planner.plan(request().revision("1234").desired(List.of(new KubeObject(node, "x.yaml")))
                .build());

        assertThat(tasks(plan)).containsExactly(
                "PreSync:Job/shop/check-1234-presync-1700000000@0",
                "PostSync:Job/shop/check-1234-postsync-1700000000@0");
    }

    @Test
    void existingNamedHookIsPairedWithItsLiveObjectAndNeverPruned() {
        KubeObject hook = obj("Job/shop/smoke", "argocd.argoproj.io/hook=PostSync");
        KubeObject oldHook = obj("Job/shop/old-hook", "argocd.argoproj.io/hook=PreSync");

        SyncPlan plan = planner.plan(request().prune(true).desired(List.of(hook, obj("ConfigMap/shop/c")))
                .live(List.of(hook, oldHook)).build());

        assertThat(tasks(plan)).containsExactly("ConfigMap/shop/c@0", "PostSync:Job/shop/smoke@0");
        assertThat(task(plan, "smoke").deleteBeforeCreation()).isTrue();
    }

    @Test
    void createNamespaceAddsTheDestinationNamespaceAheadOfEverything() {
        KubeObject hook = obj("Job/shop/migrate@-4", "argocd.argoproj.io/hook=PreSync");
        SyncPlan plan = planner.plan(request().appOptions(app("CreateNamespace=true")).destinationNamespace("shop")
                .desired(List.of(obj("Deployment/shop/web"), hook)).build());

        assertThat(tasks(plan)).containsExactly(
                "PreSync:Namespace/shop@-4", "PreSync:Job/shop/migrate@-4", "Deployment/shop/web@0");
        SyncTask ns = task(plan, "shop");
        assertThat(ns.isCreate()).isTrue();
        assertThat(ns.object().source()).isEqualTo("CreateNamespace=true");
        assertThat(ns.object().apiVersion()).isEqualTo("v1");
    }

    @Test
    void createNamespaceDoesNothingWhenGitDeclaresTheNamespace() {
        SyncPlan plan = planner.plan(request().appOptions(app("CreateNamespace=true")).destinationNamespace("shop")
                .desired(objs("Namespace/shop@3", "ConfigMap/shop/c")).build());

        assertThat(tasks(plan)).containsExactly("Namespace/shop@0", "ConfigMap/shop/c@0");
    }

    @Test
    void createdNamespaceThatIsAlreadyTrackedIsUpdatedNotPruned() {
        SyncPlan plan = planner.plan(request().prune(true).appOptions(app("CreateNamespace=true"))
                .destinationNamespace("shop").desired(objs("ConfigMap/shop/c")).live(objs("Namespace/shop")).build());

        assertThat(tasks(plan)).containsExactly("PreSync:Namespace/shop@0", "ConfigMap/shop/c@0");
        assertThat(task(plan, "shop").isCreate()).isFalse();
    }

    @Test
    void createNamespaceIsOffByDefault() {
        SyncPlan plan = planner.plan(request().destinationNamespace("shop").desired(objs("ConfigMap/shop/c")).build());

        assertThat(tasks(plan)).containsExactly("ConfigMap/shop/c@0");
    }

    @Test
    void applyOutOfSyncOnlyDropsSyncedResourcesButKeepsHooks() {
        List<KubeObject> desired = List.of(obj("ConfigMap/shop/same"), obj("ConfigMap/shop/changed"),
                obj("ConfigMap/shop/new"), obj("Job/shop/migrate", "argocd.argoproj.io/hook=PreSync"));
        SyncRequest.Builder base = request().desired(desired)
                .live(objs("ConfigMap/shop/same", "ConfigMap/shop/changed"))
                .syncStatus(Map.of(
                        new ResourceKey("", "ConfigMap", "shop", "same"), SyncStatus.Synced,
                        new ResourceKey("", "ConfigMap", "shop", "changed"), SyncStatus.OutOfSync));

        assertThat(tasks(planner.plan(base.appOptions(app("ApplyOutOfSyncOnly=true")).build())))
                .containsExactly("PreSync:Job/shop/migrate@0", "ConfigMap/shop/changed@0", "ConfigMap/shop/new@0");
        assertThat(tasks(planner.plan(base.appOptions(SyncOptions.DEFAULTS).build())))
                .containsExactly("PreSync:Job/shop/migrate@0", "ConfigMap/shop/changed@0", "ConfigMap/shop/new@0",
                        "ConfigMap/shop/same@0");
    }

    @Test
    void failOnSharedResourceRefusesResourcesOfOtherApplications() {
        ResourceKey shared = new ResourceKey("", "ConfigMap", "shop", "shared");
        SyncRequest.Builder base = request().desired(objs("ConfigMap/shop/shared", "ConfigMap/shop/mine"))
                .sharedWithOtherApp(shared::equals);

        assertThat(planner.plan(base.build()).valid()).as("off by default").isTrue();
        SyncPlan plan = planner.plan(base.appOptions(app("FailOnSharedResource=true")).build());
        assertThat(plan.problems()).containsExactly(new PlanProblem(shared, "shared resource found: ConfigMap"
                + " shop/shared is already tracked by another application (FailOnSharedResource=true)"));
    }

    @Test
    void invalidAnnotationsAreReportedTogetherNamingResourceAndAnnotation() {
        SyncPlan plan = planner.plan(request().desired(fixture("invalid-annotations.yaml")).build());

        assertThat(plan.valid()).isFalse();
        assertThat(plan.problems()).extracting(PlanProblem::message).containsExactly(
                "apps/Deployment shop/web (invalid-annotations.yaml): annotation argocd.argoproj.io/sync-wave must be"
                        + " an integer (may be negative), got 'first'",
                "unknown sync option 'Prunelast=true' in annotation argocd.argoproj.io/sync-options of ConfigMap"
                        + " shop/settings (invalid-annotations.yaml) (did you mean PruneLast?); known options: "
                        + "CreateNamespace, PruneLast, ApplyOutOfSyncOnly, ServerSideApply, Replace, Force, Validate,"
                        + " Prune, Delete, PrunePropagationPolicy, FailOnSharedResource, RespectIgnoreDifferences,"
                        + " SkipDryRunOnMissingResource, ClientSideApplyMigration, FailOnConflict",
                "batch/Job shop/migrate (invalid-annotations.yaml): annotation argocd.argoproj.io/hook has unknown"
                        + " value 'BeforeSync'; expected one of PreSync, Sync, PostSync, SyncFail, Skip, PreDelete, PostDelete");
        assertThat(plan.problems()).extracting(PlanProblem::resource).extracting(ResourceKey::name)
                .containsExactly("web", "settings", "migrate");
    }

    @Test
    void objectsWithoutKindOrNameAndDuplicatesAreProblems() {
        KubeObject noKind = new KubeObject(obj("ConfigMap/a").mutableCopy().put("kind", ""), "a.yaml");
        var unnamed = obj("ConfigMap/b").mutableCopy();
        unnamed.with("metadata").remove("name");
        SyncPlan plan = planner.plan(request().desired(List.of(noKind, new KubeObject(unnamed, "b.yaml"),
                obj("Service/shop/web").withSource("one.yaml"), obj("Service/shop/web").withSource("two.yaml")))
                .build());

        assertThat(plan.problems()).extracting(PlanProblem::message).containsExactly(
                "a.yaml: object has no kind",
                "b.yaml: ConfigMap has no metadata.name",
                "Service shop/web is declared twice (one.yaml and two.yaml)");
    }

    @Test
    void skippedObjectsAreNeitherAppliedNorPruned() {
        KubeObject manual = obj("ConfigMap/shop/manual", "argocd.argoproj.io/hook=Skip");
        KubeObject liveSkip = obj("ConfigMap/shop/live-skip", "argocd.argoproj.io/hook=Skip");
        SyncPlan plan = planner.plan(request().prune(true).desired(List.of(manual, obj("Service/shop/web")))
                .live(List.of(manual, liveSkip)).build());

        assertThat(tasks(plan)).containsExactly("Service/shop/web@0");
    }

    @Test
    void clusterScopedLiveObjectMatchesDesiredObjectWithAStrayNamespace() {
        SyncPlan plan = planner.plan(request().prune(true).desired(objs("ClusterRole/shop/reader"))
                .live(objs("ClusterRole/reader")).build());

        assertThat(tasks(plan)).containsExactly("ClusterRole/shop/reader@0");
        assertThat(task(plan, "reader").live()).isPresent();
    }

    @Test
    void crdAndNamespaceMoveAheadAndCustomResourcesMaySkipTheDryRun() {
        SyncPlan plan = planner.plan(request().desired(fixture("crd-and-resource.yaml")).build());

        assertThat(tasks(plan)).containsExactly(
                "Namespace/shop@-1",
                "ConfigMap/shop/config@-1",
                "CustomResourceDefinition/widgets.example.com@0",
                "Widget/shop/first@0");
        assertThat(task(plan, "first").skipDryRunOnMissingResource()).isTrue();
        assertThat(task(plan, "config").skipDryRunOnMissingResource()).isFalse();
    }

    @Test
    void resourceOptionsAreResolvedPerTask() {
        KubeObject big = obj("ConfigMap/shop/big",
                "argocd.argoproj.io/sync-options=ServerSideApply=false,Validate=false,SkipDryRunOnMissingResource=true");
        SyncPlan plan = planner.plan(request().appOptions(app("Replace=true"))
                .desired(List.of(big, obj("ConfigMap/shop/small"))).build());

        SyncTask bigTask = task(plan, "big");
        assertThat(bigTask.options().serverSideApply()).isFalse();
        assertThat(bigTask.options().validate()).isFalse();
        assertThat(bigTask.options().replace()).isTrue();
        assertThat(bigTask.skipDryRunOnMissingResource()).isTrue();
        assertThat(task(plan, "small").options().serverSideApply()).isTrue();
        assertThat(task(plan, "small").skipDryRunOnMissingResource()).isFalse();
    }

    @Test
    void dryRunIsCarriedToThePlanAndToStringNamesTheApp() {
        SyncPlan plan = planner.plan(request().dryRun(true).desired(objs("ConfigMap/shop/c")).build());

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.appName()).isEqualTo("guestbook");
        assertThat(plan).hasToString("guestbook [Sync/0 ConfigMap shop/c (create)]");
    }
}
