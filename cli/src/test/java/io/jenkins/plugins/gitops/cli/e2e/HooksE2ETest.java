package io.jenkins.plugins.gitops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource hooks run as real Jobs (the fake kubelet completes them, or fails them when their command says
 * {@code fail}): PreSync, Sync, PostSync and SyncFail, named and with {@code generateName}, and every delete policy.
 *
 * <p>Fixture {@code hooks}: PreSync {@code pre-migrate} (HookSucceeded), Sync {@code sync-smoke-*} (generateName,
 * HookFailed), PostSync {@code post-notify} (default BeforeHookCreation), PostSync {@code post-report-*}
 * (generateName, HookSucceeded), SyncFail {@code on-sync-fail}, plus a ConfigMap and a Deployment.
 * Fixture {@code hook-fail}: PreSync {@code pre-check} fails (HookFailed), SyncFail {@code sync-failed-*}
 * (generateName), PostSync {@code post-notify}, plus the same ConfigMap and Deployment.
 */
class HooksE2ETest {

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
    void hooksRunInPhaseOrderAndTheirDeletePoliciesApply() {
        e2e = E2E.withNamespace(dir, "e2e-hooks");
        e2e.publish("hooks", "apps/hooks", "hooks v1");
        Path app = e2e.application("plain", "hooks", "apps/hooks");
        String ns = e2e.namespace;

        Run first = e2e.gitops("sync", "-f", app.toString());

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.lastLine()).as(first.toString()).startsWith("Succeeded: ");
        int preCreated = first.indexOf("PreSync hook batch/Job " + ns + "/pre-migrate created");
        int preSucceeded = first.indexOf("PreSync hook batch/Job " + ns + "/pre-migrate Succeeded");
        int preDeleted = first.indexOf("PreSync hook batch/Job " + ns + "/pre-migrate deleted (HookSucceeded)");
        int deployment = first.indexOf("Sync: apps/Deployment " + ns + "/web created");
        int smoke = first.indexOf("Sync hook batch/Job " + ns + "/sync-smoke-", "created");
        int smokeSucceeded = first.indexOf("Sync hook batch/Job " + ns + "/sync-smoke-", "Succeeded");
        int postCreated = first.indexOf("PostSync hook batch/Job " + ns + "/post-notify created");
        int reportCreated = first.indexOf("PostSync hook batch/Job " + ns + "/post-report-", "created");
        assertThat(new int[] {preCreated, preSucceeded, preDeleted, deployment, smokeSucceeded, postCreated})
                .as(first.toString()).doesNotContain(-1).isSorted();
        assertThat(smoke).as(first.toString()).isGreaterThan(preDeleted).isLessThan(postCreated);
        assertThat(reportCreated).as(first.toString()).isGreaterThan(smokeSucceeded);
        assertThat(first.out()).as(first.toString()).doesNotContain("on-sync-fail");

        awaitJobs("HookSucceeded deleted pre-migrate and post-report-*; HookFailed kept the successful sync-smoke-*",
                () -> e2e.job("pre-migrate").isEmpty() && e2e.jobsNamed("post-report-").isEmpty()
                        && e2e.jobsNamed("sync-smoke-").size() == 1 && e2e.job("post-notify").isPresent());
        assertThat(e2e.job("on-sync-fail")).as("SyncFail hook runs only when a sync fails").isEmpty();
        assertThat(e2e.jobsNamed("sync-smoke-").get(0).getMetadata().getName()).as("named from generateName")
                .matches("sync-smoke-[a-z0-9-]+");
        assertThat(E2E.available(e2e.deployment("web")) || e2e.deployment("web") != null).isTrue();
        String firstNotify = e2e.job("post-notify").orElseThrow().getMetadata().getUid();
        assertNoHookFinalizer();

        Run second = e2e.gitops("sync", "-f", app.toString());

        assertThat(second.exit()).as(second.toString()).isZero();
        int deletedBefore = second.indexOf("PostSync hook batch/Job " + ns
                + "/post-notify from an earlier sync deleted (BeforeHookCreation)");
        int recreated = second.indexOf("PostSync hook batch/Job " + ns + "/post-notify created");
        assertThat(deletedBefore).as(second.toString()).isNotNegative().isLessThan(recreated);
        awaitJobs("a generateName hook makes a new Job every sync; post-notify was re-created",
                () -> e2e.jobsNamed("sync-smoke-").size() == 2 && e2e.job("post-notify").isPresent()
                        && !e2e.job("post-notify").get().getMetadata().getUid().equals(firstNotify));
    }

    @Test
    void aFailingPreSyncHookAppliesNothingOfTheSyncPhaseAndRunsTheSyncFailHook() {
        e2e = E2E.withNamespace(dir, "e2e-hookfail");
        e2e.publish("hook-fail", "apps/hook-fail", "hooks that fail");
        Path app = e2e.application("plain", "hook-fail", "apps/hook-fail");
        String ns = e2e.namespace;

        Run sync = e2e.gitops("sync", "-f", app.toString());

        assertThat(sync.exit()).as(sync.toString()).isEqualTo(1);
        assertThat(sync.lastLine()).as(sync.toString()).startsWith("Failed: ").contains("pre-check");
        int preFailed = sync.indexOf("PreSync hook batch/Job " + ns + "/pre-check Failed");
        int syncFail = sync.indexOf("SyncFail hook batch/Job " + ns + "/sync-failed-", "created");
        assertThat(preFailed).as(sync.toString()).isNotNegative().isLessThan(syncFail);
        assertThat(sync.out()).as(sync.toString())
                .doesNotContain("Deployment " + ns + "/web created")
                .doesNotContain("ConfigMap " + ns + "/web-config created")
                .doesNotContain("post-notify created");

        assertThat(e2e.deployment("web")).as("nothing of the Sync phase is applied").isNull();
        assertThat(e2e.configMapExists("web-config")).as("nothing of the Sync phase is applied").isFalse();
        assertThat(e2e.job("post-notify")).as("no PostSync after a failure").isEmpty();
        awaitJobs("HookFailed deleted the failed pre-check; the SyncFail hook sync-failed-* completed",
                () -> e2e.job("pre-check").isEmpty() && e2e.jobsNamed("sync-failed-").size() == 1
                        && complete(e2e.jobsNamed("sync-failed-").get(0)));

        assertNoHookFinalizer();

        Run diff = e2e.gitops("diff", "-f", app.toString());
        assertThat(diff.exit()).as(diff.toString()).isEqualTo(1);
        assertThat(e2e.gitops("history", "-f", app.toString()).lines()).as("a failed sync writes no history")
                .hasSize(1);
    }

    /** Every hook was written with Argo CD's hook finalizer; none keeps it once the sync ended. */
    private void assertNoHookFinalizer() {
        assertThat(e2e.jobsNamed("")).isNotEmpty().allSatisfy(j -> assertThat(j.getMetadata().getFinalizers())
                .as("finalizers of " + j.getMetadata().getName()).doesNotContain("argocd.argoproj.io/hook-finalizer"));
    }

    private static boolean complete(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
                .stream().anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void awaitJobs(String what, java.util.function.BooleanSupplier condition) {
        E2E.await(what, Duration.ofSeconds(30), condition, () -> "jobs in " + e2e.namespace + ": " + e2e.jobNames());
    }
}
