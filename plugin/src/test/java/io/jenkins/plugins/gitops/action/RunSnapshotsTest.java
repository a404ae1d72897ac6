package io.jenkins.plugins.gitops.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.TestStatuses;
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.view.ResourceTree;
import io.jenkins.plugins.gitops.engine.view.ResourceTreeBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSnapshotsTest {

    static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    static KubeObject object(String yaml) throws Exception {
        return KubeObject.of((ObjectNode) Yaml.YAML.readTree(yaml));
    }

    static ResourceTree deploymentTree() throws Exception {
        KubeObject deployment = object("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, uid: d1}
                spec: {replicas: 1}
                status: {replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1, observedGeneration: 1}
                """);
        KubeObject replicaSet = object("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: web-7d9
                  namespace: shop
                  uid: r1
                  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true}]
                """);
        return new ResourceTreeBuilder().build(
                List.of(new ResourceTreeBuilder.Managed(deployment.key(), deployment, SyncStatus.OutOfSync, false)),
                List.of(replicaSet));
    }

    @Test
    void aComparisonBecomesIndentedRowsAndTheFirstLineOfTheCommit() throws Exception {
        AppComparison c = TestStatuses.comparison(SyncStatus.OutOfSync, HealthStatus.Progressing, AT,
                deploymentTree(), "--- a\n+++ b\n-replicas: 1\n+replicas: 3\n");

        RunSnapshot s = RunSnapshots.ofComparison("gitopsDiff", c, 42L);

        assertThat(s.getApp()).isEqualTo("web");
        assertThat(s.getShortRevision()).isEqualTo("1a2b3c4");
        assertThat(s.getCommitMessage()).isEqualTo("Scale web to 3");
        assertThat(s.getSync()).isEqualTo("OutOfSync");
        assertThat(s.getHealth()).isEqualTo("Progressing");
        assertThat(s.getRows()).extracting(RunSnapshot.TreeRow::getKind, RunSnapshot.TreeRow::getDepth,
                RunSnapshot.TreeRow::getSync).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Deployment", 0, "OutOfSync"),
                        org.assertj.core.groups.Tuple.tuple("ReplicaSet", 1, ""));
        assertThat(s.getOutOfSyncCount()).isEqualTo(1);
        assertThat(s.getDiffLines()).extracting(l -> l.getKind()).containsExactly("file", "file", "del", "add");
        assertThat(s.getOperationPhase()).isEmpty();
    }

    @Test
    void syncResultsSeparateHooksGroupedByPhaseInRunOrder() {
        List<ResourceResult> results = List.of(
                new ResourceResult("", "v1", "Pod", "shop", "smoke", "Synced", "", "PostSync", "Succeeded", "PostSync", 0),
                new ResourceResult("apps", "v1", "Deployment", "shop", "web", "Synced", "configured", "", "", "Sync", 1),
                new ResourceResult("batch", "v1", "Job", "shop", "migrate", "Synced", "", "PreSync", "Succeeded", "PreSync", 0),
                new ResourceResult("", "v1", "ConfigMap", "shop", "settings", "Synced", "created", "", "", "Sync", -1));
        SyncOutcome o = new SyncOutcome("Succeeded", "successfully synced (all tasks run)", "1a2b3c4d5e6f", AT, AT,
                results, null);

        RunSnapshot s = RunSnapshots.ofSync("gitopsSync", "web", o, false, 42L);

        assertThat(s.getOperationPhase()).isEqualTo("Succeeded");
        assertThat(s.getShortRevision()).isEqualTo("1a2b3c4");
        assertThat(s.getResults()).extracting(RunSnapshot.ResultRow::getName).containsExactly("settings", "web");
        assertThat(s.getHookGroups()).extracting(RunSnapshot.HookGroup::getPhase).containsExactly("PreSync", "PostSync");
        assertThat(s.getHookGroups().get(0).getHooks()).extracting(RunSnapshot.ResultRow::getName)
                .containsExactly("migrate");
    }

    @Test
    void aLargeDiffIsCutAndSaysSo() {
        String diff = "+x\n".repeat(RunSnapshots.MAX_DIFF_CHARS);
        RunSnapshot s = RunSnapshots.ofComparison("gitopsDiff",
                TestStatuses.comparison(SyncStatus.OutOfSync, HealthStatus.Healthy, AT, null, diff), 1L);
        assertThat(s.getDiff()).hasSize(RunSnapshots.MAX_DIFF_CHARS);
        assertThat(s.isDiffTruncated()).isTrue();
    }

    @Test
    void aFailedComparisonKeepsItsError() {
        RunSnapshot s = RunSnapshots.ofComparison("gitopsDiff", TestStatuses.failed("deploy/web/kustomization.yaml: "
                + "unknown field 'resourcez'", AT), 1L);
        assertThat(s.getSync()).isEqualTo("Unknown");
        assertThat(s.getError()).contains("kustomization.yaml");
        assertThat(s.getRows()).isEmpty();
    }
}
