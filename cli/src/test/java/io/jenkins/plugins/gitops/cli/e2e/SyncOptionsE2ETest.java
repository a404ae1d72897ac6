package io.jenkins.plugins.gitops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync options on the real API server: {@code CreateNamespace=true}, a CRD with its custom resources in one sync,
 * {@code Replace=true}, {@code Replace=true,Force=true} on an immutable change, and {@code Validate=false}.
 */
class SyncOptionsE2ETest {

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
    void createNamespaceCreatesTheDestinationNamespace() {
        e2e = E2E.withoutNamespace(dir, "e2e-newns");
        String ns = e2e.namespace;
        assertThat(e2e.client().namespaces().withName(ns).get()).isNull();
        e2e.publish("directory", "apps/web", "web v1");
        Path app = e2e.application("create-namespace", "newns", "apps/web");

        Run sync = e2e.gitops("sync", "-f", app.toString());

        assertThat(sync.exit()).as(sync.toString()).isZero();
        int namespace = sync.indexOf("Namespace " + ns + " created");
        int deployment = sync.indexOf("apps/Deployment " + ns + "/web created");
        assertThat(namespace).as(sync.toString()).isNotNegative().isLessThan(deployment);
        assertThat(e2e.client().namespaces().withName(ns).get().getStatus().getPhase()).isEqualTo("Active");
        E2E.await("web Available in the new namespace", Duration.ofSeconds(60),
                () -> E2E.available(e2e.deployment("web")), () -> String.valueOf(e2e.deployment("web")));
        Run diff = e2e.gitops("diff", "-f", app.toString());
        assertThat(diff.exit()).as(diff.toString()).isZero();
    }

    @Test
    void aCrdAndItsCustomResourcesInOneSync() {
        e2e = E2E.withNamespace(dir, "e2e-crd");
        String ns = e2e.namespace;
        e2e.publish("crd", "apps/widgets", "widgets");
        Path app = e2e.application("plain", "widgets", "apps/widgets");

        Run sync = e2e.gitops("sync", "-f", app.toString());

        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(sync.lastLine()).as(sync.toString()).startsWith("Succeeded: ");
        int crd = sync.indexOf("CustomResourceDefinition widgets.e2e.gitops.io created");
        int blue = sync.indexOf("e2e.gitops.io/Widget " + ns + "/blue created");
        int red = sync.indexOf("e2e.gitops.io/Widget " + ns + "/red created");
        assertThat(crd).as(sync.toString()).isNotNegative().isLessThan(blue).isLessThan(red);
        GenericKubernetesResource widget = e2e.get("e2e.gitops.io/v1", "Widget", "blue");
        assertThat(widget).as(sync.toString()).isNotNull();
        assertThat(widget.getAdditionalProperties().get("spec")).isEqualTo(Map.of("color", "blue", "size", 3));
        assertThat(e2e.kubectl("get", "widgets", "-o", "name")).contains("widget.e2e.gitops.io/blue")
                .contains("widget.e2e.gitops.io/red");

        Run diff = e2e.gitops("diff", "-f", app.toString());
        assertThat(diff.exit()).as(diff.toString()).isZero();
        Run again = e2e.gitops("sync", "-f", app.toString());
        assertThat(again.exit()).as("a second sync, now that the kind is known, dry-runs and applies\n" + again)
                .isZero();
    }

    @Test
    void replaceReplacesAndReplaceWithForceRecreatesOnAnImmutableChange() {
        e2e = E2E.withNamespace(dir, "e2e-replace");
        String ns = e2e.namespace;
        e2e.publish("replace-v1", "apps/replace", "v1");
        Path app = e2e.application("plain", "replace", "apps/replace");
        Run v1 = e2e.gitops("sync", "-f", app.toString());
        assertThat(v1.exit()).as(v1.toString()).isZero();
        ConfigMap settings = e2e.client().configMaps().inNamespace(ns).withName("settings").get();
        Job migrate = e2e.job("migrate").orElseThrow(() -> new AssertionError("no Job migrate\n" + v1));
        assertThat(settings.getMetadata().getManagedFields()).as("Replace=true does not server-side apply")
                .noneMatch(f -> "Apply".equals(f.getOperation()));

        e2e.publish("replace-v2", "apps/replace", "v2: new mode, new migration");
        Run v2 = e2e.gitops("sync", "-f", app.toString());

        assertThat(v2.exit()).as(v2.toString()).isZero();
        assertThat(v2.lastLine()).as(v2.toString()).startsWith("Succeeded: ");
        ConfigMap replaced = e2e.client().configMaps().inNamespace(ns).withName("settings").get();
        assertThat(replaced.getData()).as(v2.toString()).containsEntry("MODE", "v2");
        assertThat(replaced.getMetadata().getUid()).as("replaced in place, not re-created")
                .isEqualTo(settings.getMetadata().getUid());
        E2E.await("Job migrate re-created with the v2 command", Duration.ofSeconds(30), () -> e2e.job("migrate")
                        .filter(j -> !j.getMetadata().getUid().equals(migrate.getMetadata().getUid()))
                        .filter(j -> j.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand()
                                .contains("echo schema v2")).isPresent(),
                () -> v2 + "\n" + e2e.job("migrate"));
        assertThat(v2.out()).as(v2.toString()).contains("batch/Job " + ns + "/migrate");
    }

    @Test
    void validateFalseAppliesAManifestTheServerWouldRejectAsInvalid() {
        e2e = E2E.withNamespace(dir, "e2e-validate");
        e2e.publish("validate", "apps/validate", "web with an unknown field");
        Path app = e2e.application("plain", "validate", "apps/validate");

        Run sync = e2e.gitops("sync", "-f", app.toString());

        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(sync.out()).as(sync.toString()).contains("apps/Deployment " + e2e.namespace + "/web created");
        assertThat(e2e.deployment("web")).isNotNull();
    }
}
