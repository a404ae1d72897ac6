package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.testing.RecordingLog;
import io.jenkins.plugins.gitops.engine.testing.GitOpsFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade end to end: a real Git server over HTTP, real rendering, the fabric8 CRUD mock as the cluster (with
 * dry-run support and fake controllers standing in for the ones the mock lacks; client-side apply, because the mock
 * has no server-side apply).
 */
class GitOpsEngineTest {

    static final String CSA = "syncPolicy:\n  syncOptions: [ServerSideApply=false]\n";
    static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "shop", "web");
    static final ResourceKey CONFIG = new ResourceKey("", "ConfigMap", "shop", "web-config");

    @TempDir
    Path dir;

    GitOpsFixture fx;
    GitOpsEngine engine;
    final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp() {
        fx = new GitOpsFixture(dir);
        fx.repo.write("apps/web/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web-config
                  annotations: {argocd.argoproj.io/sync-wave: "-1"}
                data: {GREETING: hello}
                """);
        fx.repo.write("apps/web/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations: {argocd.argoproj.io/sync-wave: "1"}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                """);
        fx.repo.write("apps/web/migrate.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  annotations: {argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/hook-delete-policy: BeforeHookCreation}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: m, image: busybox}]
                """);
        fx.repo.commit("web v1");
        engine = fx.engine().log(log).build();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        fx.close();
    }

    Application web() {
        return fx.application("web", "apps/web", "shop", CSA);
    }

    @Test
    void compareSyncAndCompareAgain() {
        AppComparison before = engine.compare(web(), null, null);
        assertThat(before.error()).isNull();
        assertThat(before.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(before.revision()).isEqualTo(fx.repo.head());
        assertThat(before.commitMessage()).isEqualTo("web v1");
        assertThat(before.resources()).extracting(ResourceStatus::name).containsExactlyInAnyOrder("web", "web-config");
        assertThat(before.resources()).allSatisfy(r -> assertThat(r.health()).isEqualTo(HealthStatus.Missing));

        SyncOutcome outcome = engine.sync(web(), SyncRequest.manual("ada"), log);
        assertThat(outcome.phase()).as(outcome.message()).isEqualTo("Succeeded");
        assertThat(outcome.revision()).isEqualTo(fx.repo.head());
        assertThat(outcome.resources()).as(log.story()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("migrate");
            assertThat(r.hookType()).isEqualTo("PreSync");
            assertThat(r.hookPhase()).isEqualTo("Succeeded");
        });
        assertThat(outcome.resources()).filteredOn(r -> r.hookType() == null || r.hookType().isEmpty())
                .extracting(ResourceResult::status).containsOnly("Synced");
        assertThat(fx.cluster.get(DEPLOYMENT).annotation("argocd.argoproj.io/tracking-id"))
                .isEqualTo("web:apps/Deployment:shop/web");
        assertThat(outcome.after().syncStatus()).isEqualTo(SyncStatus.Synced);
        // the last wave does not wait for health (as gitops-engine); the fake controllers roll out in the background
        assertThat(eventuallyHealthy()).isEqualTo(HealthStatus.Healthy);
        assertThat(outcome.after().tree().getRows()).extracting(r -> r.getNode().getKind()).contains("Deployment");
        assertThat(engine.history("web")).singleElement().satisfies(h -> {
            assertThat(h.revision()).isEqualTo(fx.repo.head());
            assertThat(h.initiatedBy()).isEqualTo("ada");
        });
        assertThat(engine.lastOperation("web").orElseThrow().phase()).isEqualTo("Succeeded");
        assertThat(log.story()).contains("web: ");
    }

    @Test
    void theComparisonAfterASyncIsAgainstTheSyncedRevisionWithoutFetchingAgain() {
        String synced = fx.repo.head();
        log.clear();
        boolean[] pushed = {false};
        // a commit lands while the sync runs (when its first wave starts)
        EngineLog progress = new EngineLog() {
            @Override
            public void info(String message) {
                log.info(message);
                if (!pushed[0] && message.contains("wave")) {
                    pushed[0] = true;
                    fx.repo.write("apps/web/config.yaml", """
                            apiVersion: v1
                            kind: ConfigMap
                            metadata: {name: web-config}
                            data: {GREETING: bonjour}
                            """);
                    fx.repo.commit("web v2");
                }
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }
        };

        SyncOutcome outcome = engine.sync(web(), SyncRequest.manual("ada"), progress);

        assertThat(pushed[0]).as(log.story()).isTrue();
        assertThat(outcome.phase()).as(outcome.message()).isEqualTo("Succeeded");
        assertThat(outcome.revision()).isEqualTo(synced);
        assertThat(outcome.after().revision()).isEqualTo(synced);
        assertThat(outcome.after().syncStatus()).isEqualTo(SyncStatus.Synced);
        assertThat(log.containing("fetched ")).as(log.story()).hasSize(1);
        // the next comparison sees the new commit
        AppComparison next = engine.compare(web(), null, null);
        assertThat(next.revision()).isEqualTo(fx.repo.head()).isNotEqualTo(synced);
        assertThat(next.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
    }

    HealthStatus eventuallyHealthy() {
        long end = System.nanoTime() + 20_000_000_000L;
        HealthStatus h = null;
        while (System.nanoTime() < end) {
            h = engine.compare(web(), null, null).health().status();
            if (h == HealthStatus.Healthy) {
                return h;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return h;
            }
        }
        return h;
    }

    @Test
    void driftIsReportedWithFieldPathsAndRepairedBySync() {
        engine.sync(web(), SyncRequest.manual("ada"), log);
        fx.cluster.editDeployment("shop", "web", d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        AppComparison drifted = engine.compare(web(), null, null);
        assertThat(drifted.syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        ResourceStatus dep = drifted.outOfSync().get(0);
        assertThat(dep.name()).isEqualTo("web");
        assertThat(dep.diffPaths()).anySatisfy(p -> assertThat(p).contains("spec.replicas"));
        assertThat(drifted.diff()).contains("replicas");
        assertThat(engine.sync(web(), SyncRequest.manual("ada"), log).phase()).isEqualTo("Succeeded");
        assertThat(fx.cluster.client().apps().deployments().inNamespace("shop").withName("web").get().getSpec()
                .getReplicas()).isEqualTo(2);
    }

    @Test
    void pruneOnlyWhenAskedAndRollbackRedeploysThePreviousRevision() {
        engine.sync(web(), SyncRequest.manual("ada"), log);
        String first = fx.repo.head();
        fx.repo.delete("apps/web/config.yaml");
        fx.repo.commit("drop config");

        AppComparison c = engine.compare(web(), null, null);
        assertThat(c.resources()).filteredOn(ResourceStatus::requiresPruning).extracting(ResourceStatus::name)
                .containsExactly("web-config");
        SyncOutcome noPrune = engine.sync(web(), SyncRequest.manual("ada"), log);
        assertThat(noPrune.resources()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("web-config");
            assertThat(r.status()).isEqualTo("PruneSkipped");
        });
        assertThat(fx.cluster.exists(CONFIG)).isTrue();
        SyncOutcome pruned = engine.sync(web(), SyncRequest.manual("ada").withPrune(true), log);
        assertThat(pruned.resources()).anySatisfy(r -> assertThat(r.status()).isEqualTo("Pruned"));
        assertThat(fx.cluster.exists(CONFIG)).isFalse();

        SyncOutcome rolledBack = engine.rollback(web(), -1, SyncRequest.manual("ada"), log);
        assertThat(rolledBack.phase()).as(rolledBack.message()).isEqualTo("Succeeded");
        assertThat(rolledBack.revision()).isEqualTo(first);
        assertThat(fx.cluster.exists(CONFIG)).isTrue();

        Application automated = fx.application("web", "apps/web", "shop",
                "syncPolicy:\n  automated: {prune: true}\n  syncOptions: [ServerSideApply=false]\n");
        assertThatThrownBy(() -> engine.rollback(automated, -1, SyncRequest.manual("ada"), log))
                .hasMessageContaining("refused while automated sync is enabled");
    }

    @Test
    void aFailedDryRunAppliesNothing() {
        fx.cluster.reject("web", "admission webhook denied: image not signed");
        SyncOutcome outcome = engine.sync(web(), SyncRequest.manual("ada"), log);
        assertThat(outcome.phase()).isEqualTo("Failed");
        assertThat(outcome.message() + outcome.resources()).contains("image not signed");
        assertThat(fx.cluster.writes()).isEmpty();
        assertThat(fx.cluster.exists(CONFIG)).isFalse();
    }

    @Test
    void badInputGivesAnUnknownComparisonNamingTheCulprit() {
        fx.repo.write("apps/web/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n");
        fx.repo.commit("broken");
        AppComparison c = engine.compare(web(), null, null);
        assertThat(c.syncStatus()).isEqualTo(SyncStatus.Unknown);
        assertThat(c.error()).contains("apps/web/broken.yaml");

        Application elsewhere = ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: far}
                spec:
                  source: {repoURL: '%s', path: apps/web}
                  destination: {server: 'https://far.example.com:6443', namespace: x}
                """.formatted(fx.repo.url()), "far.yaml");
        assertThat(engine.compare(elsewhere, null, null).error()).contains("spec.destination.server");

        SyncOutcome failed = engine.sync(web(), SyncRequest.manual("ada"), log);
        assertThat(failed.phase()).isEqualTo("Error");
        assertThat(failed.message()).contains("apps/web/broken.yaml");
        assertThat(fx.cluster.writes()).isEmpty();
    }

    @Test
    void projectRulesAreEnforcedBeforeAnythingIsApplied() {
        AppProject project = ArgoDocuments.parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: team}
                spec:
                  sourceRepos: ['*']
                  destinations: [{server: '*', namespace: 'shop'}]
                  namespaceResourceBlacklist: [{group: '', kind: ConfigMap}]
                """, "team.yaml").projects().get(0);
        try (GitOpsEngine guarded = fx.engine().projects(List.of(project)).build()) {
            Application app = fx.application("web", "apps/web", "shop", "project: team\n" + CSA);
            SyncOutcome outcome = guarded.sync(app, SyncRequest.manual("ada"), log);
            assertThat(outcome.phase()).isEqualTo("Error");
            assertThat(outcome.message()).contains("ConfigMap").contains("team");
            assertThat(fx.cluster.writes()).isEmpty();
        }
    }

    @Test
    void aDenySyncWindowBlocksManualSyncsAndSaysWhenItOpens() {
        AppProject project = ArgoDocuments.parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: frozen}
                spec:
                  sourceRepos: ['*']
                  destinations: [{server: '*', namespace: '*'}]
                  clusterResourceWhitelist: [{group: '*', kind: '*'}]
                  syncWindows:
                    - {kind: deny, schedule: '0 0 * * *', duration: 23h, applications: ['web'], timeZone: UTC}
                """, "frozen.yaml").projects().get(0);
        java.time.Clock noon = java.time.Clock.fixed(java.time.Instant.parse("2026-11-22T12:00:00Z"),
                java.time.ZoneOffset.UTC);
        try (GitOpsEngine guarded = fx.engine().projects(List.of(project)).clock(noon).build()) {
            Application app = fx.application("web", "apps/web", "shop", "project: frozen\n" + CSA);
            SyncOutcome outcome = guarded.sync(app, SyncRequest.manual("ada"), log);
            assertThat(outcome.phase()).isEqualTo("Error");
            assertThat(outcome.message()).startsWith("sync blocked by sync window: ").contains("deny")
                    .contains("sync possible from 2026-11-22T23:00:00Z");
            assertThat(guarded.lastOperation("web").orElseThrow().message()).isEqualTo(outcome.message());
            assertThat(fx.cluster.writes()).isEmpty();
        }
    }
}
