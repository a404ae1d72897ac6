package io.jenkins.plugins.gitops.engine.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncPhase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureSummaryTest {

    static final String UNSERVED = "cluster https://k:6443 does not serve argoproj.io/v1alpha1 Application; is the"
            + " CustomResourceDefinition installed?";

    static TaskResult failed(String group, String kind, String name, String message) {
        return new TaskResult(new ResourceKey(group, kind, "argocd", name), "v1", ResourceResultStatus.SyncFailed,
                message, null, OperationPhase.Failed, SyncPhase.Sync, 0);
    }

    @Test
    void failuresOfOneKindWithOneReasonAreOneSentenceWithCountAndNames() {
        List<TaskResult> failures = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            failures.add(failed("argoproj.io", "Application", name, UNSERVED));
        }
        failures.add(failed("", "ConfigMap", "odd", "HTTP 422 data too long"));

        assertThat(FailureSummary.describe(failures)).isEqualTo("3 resources of kind argoproj.io/Application"
                + " (argocd/a, argocd/b, argocd/c) cannot be applied: " + UNSERVED + "; HTTP 422 data too long");
        assertThat(FailureSummary.grouped(failures)).hasSize(3).extracting(r -> r.key().kind())
                .containsOnly("Application");
    }

    @Test
    void messagesThatDifferOnlyByTheResourceNameGroupToo() {
        List<TaskResult> failures = List.of(
                failed("apps", "Deployment", "a", "server-side apply apps/Deployment argocd/a on cluster k failed: HTTP"
                        + " 403 forbidden"),
                failed("apps", "Deployment", "b", "server-side apply apps/Deployment argocd/b on cluster k failed: HTTP"
                        + " 403 forbidden"));

        assertThat(FailureSummary.describe(failures)).isEqualTo("2 resources of kind apps/Deployment (argocd/a,"
                + " argocd/b) cannot be applied: server-side apply on cluster k failed: HTTP 403 forbidden");
    }

    @Test
    void aLargeGroupNamesTheFirstTwentyAndCountsTheRest() {
        List<TaskResult> failures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            failures.add(failed("apps", "Deployment", String.format("web-%03d", i), "namespaces \"argocd\" not found"));
        }

        String sentence = FailureSummary.describe(failures);

        assertThat(sentence).startsWith("500 resources of kind apps/Deployment (argocd/web-000, argocd/web-001, ")
                .contains("argocd/web-019 and 480 more) cannot be applied: namespaces \"argocd\" not found")
                .doesNotContain("web-020");
        assertThat(FailureSummary.grouped(failures)).hasSize(500);
    }
}
