package io.jenkins.plugins.gitops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift made by a person with kubectl, found by {@code gitops diff} and repaired by a manual {@code gitops sync}:
 * {@code kubectl scale} makes kubectl the owner of {@code spec.replicas} (server-side apply would refuse our apply
 * with a conflict), so the sync must force the conflict, as Argo CD does, and say it took the field from kubectl.
 */
class DriftE2ETest {

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
    void kubectlScaleIsReportedByDiffAndRepairedBySync() {
        e2e = E2E.withNamespace(dir, "e2e-drift");
        String ns = e2e.namespace;
        e2e.publish("directory", "apps/web", "web v1");
        Path app = e2e.application("plain", "drift", "apps/web");
        Run first = e2e.gitops("sync", "-f", app.toString());
        assertThat(first.exit()).as(first.toString()).isZero();
        E2E.await("web Available", Duration.ofSeconds(60), () -> E2E.available(e2e.deployment("web")),
                () -> String.valueOf(e2e.deployment("web")));
        Run clean = e2e.gitops("diff", "-f", app.toString());
        assertThat(clean.exit()).as(clean.toString()).isZero();

        e2e.kubectl("scale", "deploy/web", "--replicas=3");

        Run diff = e2e.gitops("diff", "-f", app.toString());
        assertThat(diff.exit()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.out()).as(diff.toString())
                .contains("===== apps/Deployment " + ns + "/web\n")
                .contains("  spec.replicas: changed (live 3 -> Git 2)")
                .contains("-  replicas: 3\n+  replicas: 2");
        assertThat(diff.out()).as("only the scaled Deployment differs\n" + diff).doesNotContain("===== ConfigMap")
                .doesNotContain("===== Service");

        Run sync = e2e.gitops("sync", "-f", app.toString());

        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(sync.lastLine()).as(sync.toString()).startsWith("Succeeded: ");
        assertThat(sync.line("apps/Deployment " + ns + "/web").text()).as(sync.toString()).contains("kubectl");
        assertThat(e2e.deployment("web").getSpec().getReplicas()).as(sync.toString()).isEqualTo(2);
        E2E.await("web back at 2 available replicas", Duration.ofSeconds(60),
                () -> E2E.available(e2e.deployment("web")), () -> String.valueOf(e2e.deployment("web").getStatus()));
        Run after = e2e.gitops("diff", "-f", app.toString());
        assertThat(after.exit()).as(after.toString()).isZero();
    }
}
