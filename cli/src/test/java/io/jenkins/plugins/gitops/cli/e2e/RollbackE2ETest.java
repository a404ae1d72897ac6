package io.jenkins.plugins.gitops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops history} lists the successful syncs and {@code gitops rollback --id} redeploys an earlier one:
 * v1 (nginx:1.26, greeting v1), v2 (nginx:1.27, greeting v2, a new ConfigMap feature-flags); rolling back to v1 with
 * {@code --prune} restores v1's objects on the cluster and removes what v1 did not have.
 */
class RollbackE2ETest {

    @TempDir
    Path dir;

    E2E e2e;

    @AfterEach
    void tearDown() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void rollbackRestoresTheEarlierRevisionsObjects() {
        e2e = E2E.withNamespace(dir, "e2e-rollback");
        String ns = e2e.namespace;
        Path app = e2e.application("plain", "rollback", "apps/web");
        String v1 = e2e.publish("rollback-v1", "apps/web", "v1: nginx 1.26");
        Run s1 = e2e.gitops("sync", "-f", app.toString());
        assertThat(s1.exit()).as(s1.toString()).isZero();
        String v2 = e2e.publish("rollback-v2", "apps/web", "v2: nginx 1.27 and feature flags");
        Run s2 = e2e.gitops("sync", "-f", app.toString());
        assertThat(s2.exit()).as(s2.toString()).isZero();
        assertThat(image()).isEqualTo("nginx:1.27");
        assertThat(e2e.configMapExists("feature-flags")).isTrue();

        Run history = e2e.gitops("history", "-f", app.toString());
        assertThat(history.exit()).as(history.toString()).isZero();
        List<String> rows = history.out().lines().skip(1).toList();
        assertThat(rows).as(history.toString()).hasSize(2);
        assertThat(rows.get(0)).as(history.toString()).startsWith("0 ").contains(v1.substring(0, 7))
                .contains("v1: nginx 1.26");
        assertThat(rows.get(1)).as(history.toString()).startsWith("1 ").contains(v2.substring(0, 7))
                .contains("v2: nginx 1.27 and feature flags");

        Run rollback = e2e.gitops("rollback", "-f", app.toString(), "--id", "0", "--prune");

        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(rollback.lastLine()).as(rollback.toString()).startsWith("Succeeded: ");
        assertThat(rollback.out()).as(rollback.toString())
                .contains("apps/Deployment " + ns + "/web configured")
                .contains("ConfigMap " + ns + "/feature-flags pruned");
        assertThat(image()).as(rollback.toString()).isEqualTo("nginx:1.26");
        assertThat(e2e.client().configMaps().inNamespace(ns).withName("web-config").get().getData())
                .containsEntry("GREETING", "hello from v1");
        E2E.await("feature-flags pruned", java.time.Duration.ofSeconds(30),
                () -> !e2e.configMapExists("feature-flags"), rollback::toString);

        Run diff = e2e.gitops("diff", "-f", app.toString());
        assertThat(diff.exit()).as("the cluster now runs v1 while Git's HEAD is v2\n" + diff).isEqualTo(1);
        Run after = e2e.gitops("history", "-f", app.toString());
        List<String> afterRows = after.out().lines().skip(1).toList();
        assertThat(afterRows).as(after.toString()).hasSize(3);
        assertThat(afterRows.get(2)).as(after.toString()).startsWith("2 ").contains(v1.substring(0, 7));
    }

    private String image() {
        Deployment web = e2e.deployment("web");
        return web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
