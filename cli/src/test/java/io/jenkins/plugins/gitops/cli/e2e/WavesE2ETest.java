package io.jenkins.plugins.gitops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync waves wait for health on the real cluster: wave 2's Deployment is created only after wave 1's Deployment is
 * Available (through kube-controller-manager and the fake kubelet). Wave 1's Deployment has {@code minReadySeconds: 3},
 * so a runner that did not wait would visibly start wave 2 too early.
 */
class WavesE2ETest {

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
    void aLaterWaveStartsOnlyAfterTheEarlierWavesDeploymentIsAvailable() {
        e2e = E2E.withNamespace(dir, "e2e-waves");
        e2e.publish("waves", "apps/waves", "waves v1");
        Path app = e2e.application("plain", "waves", "apps/waves");
        String ns = e2e.namespace;

        Run sync = e2e.gitops("sync", "-f", app.toString());

        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(sync.lastLine()).as(sync.toString()).startsWith("Succeeded: ");
        int settings = sync.indexOf("wave -1 Sync: ConfigMap " + ns + "/settings created");
        int dbCreated = sync.indexOf("wave 1 Sync: apps/Deployment " + ns + "/db created");
        int dbWaited = sync.indexOf("waiting for healthy state of apps/Deployment " + ns + "/db");
        int dbHealthy = sync.indexOf("wave 1 Sync: apps/Deployment " + ns + "/db Healthy");
        int apiCreated = sync.indexOf("wave 2 Sync: apps/Deployment " + ns + "/api created");
        assertThat(new int[] {settings, dbCreated, dbWaited, dbHealthy, apiCreated}).as(sync.toString())
                .doesNotContain(-1).isSorted();

        Duration waited = Run.between(sync.lines().get(dbCreated), sync.lines().get(apiCreated));
        assertThat(waited).as("wave 2 must wait for db's minReadySeconds (3 s)\n" + sync)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));

        Deployment db = e2e.deployment("db");
        Instant dbAvailable = E2E.availableSince(db);
        assertThat(dbAvailable).as("db Available\n" + db).isNotNull();
        Instant apiCreatedAt = Instant.parse(e2e.deployment("api").getMetadata().getCreationTimestamp());
        assertThat(apiCreatedAt).as("api (wave 2) created at or after db (wave 1) became Available\n" + sync)
                .isAfterOrEqualTo(dbAvailable);
        Instant settingsCreatedAt = Instant.parse(e2e.client().configMaps().inNamespace(ns).withName("settings").get()
                .getMetadata().getCreationTimestamp());
        assertThat(settingsCreatedAt).isBeforeOrEqualTo(Instant.parse(db.getMetadata().getCreationTimestamp()));
    }
}
