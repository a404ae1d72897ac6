package io.jenkins.plugins.gitops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prune on the real cluster. v1 has Deployment {@code web}, ConfigMap {@code old-config} (wave 0) and ConfigMap
 * {@code legacy} (wave 0, {@code PruneLast=true}); v2 keeps {@code web}, drops both ConfigMaps and adds
 * {@code new-config} in wave 1. Without {@code --prune} nothing is deleted; with it {@code old-config} goes in its
 * own wave 0, before wave 1 creates {@code new-config}, and {@code legacy} goes after every wave.
 */
class PruneE2ETest {

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
    void pruneDeletesWhatLeftGitAndPruneLastGoesAfterEveryWave() {
        e2e = E2E.withNamespace(dir, "e2e-prune");
        String ns = e2e.namespace;
        e2e.publish("prune-v1", "apps/prune", "v1");
        Path app = e2e.application("plain", "prune", "apps/prune");
        Run v1 = e2e.gitops("sync", "-f", app.toString());
        assertThat(v1.exit()).as(v1.toString()).isZero();
        assertThat(e2e.configMapExists("old-config") && e2e.configMapExists("legacy")).as(v1.toString()).isTrue();

        e2e.publish("prune-v2", "apps/prune", "v2: drop old-config and legacy, add new-config");
        Run diff = e2e.gitops("diff", "-f", app.toString());
        assertThat(diff.exit()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.out()).as(diff.toString())
                .contains("===== ConfigMap " + ns + "/old-config (requires pruning)")
                .contains("===== ConfigMap " + ns + "/legacy (requires pruning)");

        Run kept = e2e.gitops("sync", "-f", app.toString());
        assertThat(kept.exit()).as(kept.toString()).isZero();
        assertThat(kept.out()).as(kept.toString())
                .contains("ConfigMap " + ns + "/old-config ignored: prune not enabled")
                .contains("ConfigMap " + ns + "/legacy ignored: prune not enabled");
        assertThat(e2e.configMapExists("old-config") && e2e.configMapExists("legacy")).isTrue();
        assertThat(e2e.configMapExists("new-config")).isTrue();

        Run pruned = e2e.gitops("sync", "-f", app.toString(), "--prune");

        assertThat(pruned.exit()).as(pruned.toString()).isZero();
        int oldPruned = pruned.indexOf("ConfigMap " + ns + "/old-config pruned");
        int newConfig = pruned.indexOf("wave 1 Sync: ConfigMap " + ns + "/new-config");
        int legacyPruned = pruned.indexOf("ConfigMap " + ns + "/legacy pruned");
        assertThat(new int[] {oldPruned, newConfig, legacyPruned}).as(pruned.toString())
                .doesNotContain(-1).isSorted();
        E2E.await("pruned ConfigMaps are gone", Duration.ofSeconds(30),
                () -> !e2e.configMapExists("old-config") && !e2e.configMapExists("legacy"),
                pruned::toString);
        assertThat(e2e.deployment("web")).isNotNull();
        Run after = e2e.gitops("diff", "-f", app.toString());
        assertThat(after.exit()).as(after.toString()).isZero();
    }
}
