package io.jenkins.plugins.gitops.engine.sync;

import static io.jenkins.plugins.gitops.engine.sync.TestObjects.crd;
import static io.jenkins.plugins.gitops.engine.sync.TestObjects.describe;
import static io.jenkins.plugins.gitops.engine.sync.TestObjects.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncTasksTest {

    private static SyncTask apply(String spec) {
        return apply(obj(spec));
    }

    private static SyncTask apply(KubeObject o) {
        return SyncTask.apply(o, null, SyncWave.of(o), SyncOptions.DEFAULTS);
    }

    private static SyncTask prune(String spec, String... options) {
        KubeObject o = obj(spec);
        return SyncTask.prune(o, SyncWave.of(o), SyncOptions.parse(List.of(options), "test"));
    }

    private static SyncTask hook(SyncPhase phase, String spec) {
        KubeObject o = obj(spec);
        return SyncTask.hook(phase, o, null, SyncWave.of(o), List.of(HookDeletePolicy.DEFAULT), SyncOptions.DEFAULTS);
    }

    private static List<String> order(List<SyncTask> tasks) {
        return describe(SyncTasks.of(tasks).list());
    }

    private static List<SyncTask> applies(String... specs) {
        List<SyncTask> tasks = new ArrayList<>();
        for (String spec : specs) {
            tasks.add(apply(spec));
        }
        return tasks;
    }

    @Test
    void sortsByKindOrderThenNameInsideAWave() {
        List<SyncTask> tasks = applies(
                "Deployment/web", "Service/web", "ConfigMap/config", "Namespace/shop", "Widget/w1",
                "ServiceAccount/sa", "Secret/creds", "CustomResourceDefinition/widgets.example.com", "Job/migrate",
                "Ingress/web", "Deployment/api");

        assertThat(order(tasks)).containsExactly(
                "Namespace/shop@0",
                "ServiceAccount/sa@0",
                "Secret/creds@0",
                "ConfigMap/config@0",
                "CustomResourceDefinition/widgets.example.com@0",
                "Service/web@0",
                "Deployment/api@0",
                "Deployment/web@0",
                "Job/migrate@0",
                "Ingress/web@0",
                "Widget/w1@0");
    }

    @Test
    void lowerWavesFirstIncludingNegativeOnes() {
        List<SyncTask> tasks = applies(
                "Deployment/web@1", "ConfigMap/a@-1", "Service/web@0", "Secret/s@-5", "Job/j@10", "ConfigMap/b@1");

        assertThat(order(tasks)).containsExactly(
                "Secret/s@-5",
                "ConfigMap/a@-1",
                "Service/web@0",
                "ConfigMap/b@1",
                "Deployment/web@1",
                "Job/j@10");
    }

    @Test
    void orderDoesNotDependOnInputOrder() {
        List<SyncTask> tasks = applies("Deployment/b@1", "Deployment/a@1", "ConfigMap/x@0", "Gadget/a", "Widget/a");
        List<SyncTask> reversed = new ArrayList<>(tasks);
        Collections.reverse(reversed);

        assertThat(order(reversed)).isEqualTo(order(tasks)).containsExactly(
                "ConfigMap/x@0", "Gadget/a@0", "Widget/a@0", "Deployment/a@1", "Deployment/b@1");
    }

    @Test
    void unknownKindsComeLastAndInterleaveByName() {
        List<SyncTask> tasks = applies("Widget/b", "Gadget/a", "Widget/a", "APIService/v1.example", "Pod/p");

        assertThat(order(tasks)).containsExactly(
                "Pod/p@0", "APIService/v1.example@0", "Gadget/a@0", "Widget/a@0", "Widget/b@0");
    }

    @Test
    void phasesComeBeforeWaves() {
        List<SyncTask> tasks = new ArrayList<>(applies("Deployment/web@-3", "ConfigMap/c@2"));
        tasks.add(hook(SyncPhase.SyncFail, "Pod/notify@-10"));
        tasks.add(hook(SyncPhase.PostSync, "Job/smoke@-10"));
        tasks.add(hook(SyncPhase.PreSync, "Job/migrate@5"));
        tasks.add(hook(SyncPhase.Sync, "Job/during@0"));

        assertThat(order(tasks)).containsExactly(
                "PreSync:Job/migrate@5",
                "Deployment/web@-3",
                "Job/during@0",
                "ConfigMap/c@2",
                "PostSync:Job/smoke@-10",
                "SyncFail:Pod/notify@-10");
    }

    @Test
    void namespaceMovesAheadOfTheFirstObjectInItAndTakesItsWave() {
        List<SyncTask> tasks = applies(
                "Deployment/shop/web@0", "Namespace/shop@5", "ConfigMap/other@0", "ConfigMap/shop/cfg@-1",
                "Namespace/unused@2");

        assertThat(order(tasks)).containsExactly(
                "Namespace/shop@-1",
                "ConfigMap/shop/cfg@-1",
                "ConfigMap/other@0",
                "Deployment/shop/web@0",
                "Namespace/unused@2");
    }

    @Test
    void namespaceMovesIntoAnEarlierPhaseWhenAHookNeedsIt() {
        List<SyncTask> tasks = new ArrayList<>(applies("Namespace/shop@0", "Deployment/shop/web@0"));
        tasks.add(hook(SyncPhase.PreSync, "Job/shop/migrate@3"));

        assertThat(order(tasks)).containsExactly(
                "PreSync:Namespace/shop@3",
                "PreSync:Job/shop/migrate@3",
                "Deployment/shop/web@0");
    }

    @Test
    void crdMovesAheadOfTheFirstCustomResourceOfItsKind() {
        List<SyncTask> tasks = new ArrayList<>(applies("Widget/w@-2", "Deployment/d@0", "Gadget/g@-5"));
        tasks.add(apply(crd("Widget", "3")));

        assertThat(order(tasks)).containsExactly(
                "Gadget/g@-5",
                "CustomResourceDefinition/widgets.example.com@-2",
                "Widget/w@-2",
                "Deployment/d@0");
    }

    @Test
    void crdInTheSameWaveAlreadyPrecedesItsResources() {
        List<SyncTask> tasks = new ArrayList<>(applies("Widget/w", "Service/s"));
        tasks.add(apply(crd("Widget", null)));

        assertThat(order(tasks)).containsExactly(
                "CustomResourceDefinition/widgets.example.com@0", "Service/s@0", "Widget/w@0");
    }

    @Test
    void prunesRunInReverseWaveOrder() {
        List<SyncTask> tasks = List.of(
                prune("ConfigMap/a@-1"), prune("Deployment/b@0"), prune("Service/c@5"), apply("Deployment/new@2"));

        assertThat(order(tasks)).containsExactly(
                "prune Service/c@-1",
                "prune Deployment/b@0",
                "Deployment/new@2",
                "prune ConfigMap/a@5");
    }

    @Test
    void pruneLastPrunesAfterEveryWave() {
        List<SyncTask> tasks = List.of(
                prune("ConfigMap/a@0", "PruneLast=true"), prune("Deployment/b@3"), apply("Service/s@1"),
                apply("Job/j@7"));

        assertThat(order(tasks)).containsExactly(
                "prune Deployment/b@0",
                "Service/s@1",
                "Job/j@7",
                "prune ConfigMap/a@8");
    }

    @Test
    void pruneLastWaveIsNeverBelowOne() {
        List<SyncTask> tasks = List.of(prune("ConfigMap/a@-4", "PruneLast=true"), apply("Service/s@-2"));

        assertThat(order(tasks)).containsExactly("Service/s@-2", "prune ConfigMap/a@1");
    }

    @Test
    void stepsGroupConsecutivePhaseAndWaveAndSplitKinds() {
        List<SyncTask> tasks = new ArrayList<>(applies(
                "Service/s@1", "Deployment/d@0", "ConfigMap/b@0", "ConfigMap/a@0"));
        tasks.add(prune("Secret/old@0"));
        tasks.add(hook(SyncPhase.PreSync, "Job/migrate"));
        tasks.add(hook(SyncPhase.SyncFail, "Pod/notify"));
        tasks.add(hook(SyncPhase.SyncFail, "Pod/alert@4"));

        SyncTasks ordered = SyncTasks.of(tasks);
        List<SyncStep> steps = ordered.steps();

        assertThat(steps).extracting(s -> s.phase() + "/" + s.wave())
                .containsExactly("PreSync/0", "Sync/0", "Sync/1");
        SyncStep main = steps.get(1);
        assertThat(describe(main.pruneTasks())).containsExactly("prune Secret/old@0");
        assertThat(main.kindGroups()).extracting(TestObjects::describe).containsExactly(
                List.of("ConfigMap/a@0", "ConfigMap/b@0"), List.of("Deployment/d@0"));
        assertThat(describe(steps.get(0).hooks())).containsExactly("PreSync:Job/migrate@0");
        assertThat(ordered.syncFailStep()).hasValueSatisfying(fail -> assertThat(describe(fail.tasks()))
                .containsExactly("SyncFail:Pod/notify@0", "SyncFail:Pod/alert@4"));
    }

    @Test
    void noSyncFailStepWithoutSyncFailHooks() {
        SyncTasks ordered = SyncTasks.of(applies("ConfigMap/a"));

        assertThat(ordered.syncFailStep()).isEmpty();
        assertThat(SyncTasks.of(List.of()).steps()).isEmpty();
    }
}
