package io.jenkins.plugins.gitops.engine.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.sync.OperationPhase;
import io.jenkins.plugins.gitops.engine.sync.ResourceResultStatus;
import io.jenkins.plugins.gitops.engine.sync.SyncPhase;
import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultConversionTest {

    static final TaskResult DEPLOYMENT = new TaskResult(new ResourceKey("apps", "Deployment", "shop", "web"), "v1",
            ResourceResultStatus.Synced, "configured", null, OperationPhase.Succeeded, SyncPhase.Sync, 1);
    static final TaskResult HOOK = new TaskResult(new ResourceKey("batch", "Job", "shop", "migrate-x7k2"), "v1",
            ResourceResultStatus.Synced, "created", HookType.PreSync, OperationPhase.Failed, SyncPhase.PreSync, -1);

    @Test
    void taskResultBecomesTheFacadesResourceResultWithHookFieldsOnlyForHooks() {
        assertThat(DEPLOYMENT.toResourceResult()).isEqualTo(new ResourceResult("apps", "v1", "Deployment", "shop",
                "web", "Synced", "configured", "", "", "Sync", 1));
        assertThat(HOOK.toResourceResult()).isEqualTo(new ResourceResult("batch", "v1", "Job", "shop",
                "migrate-x7k2", "Synced", "created", "PreSync", "Failed", "PreSync", -1));
    }

    @Test
    void operationResultBecomesTheFacadesSyncOutcomeWithoutAfterState() {
        Instant start = Instant.parse("2025-03-01T10:00:00Z");
        OperationResult result = new OperationResult(OperationPhase.Failed, "hook failed", start,
                start.plusSeconds(42), List.of(HOOK, DEPLOYMENT));

        SyncOutcome outcome = result.toSyncOutcome("a1b2c3d");

        assertThat(outcome.phase()).isEqualTo("Failed");
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.message()).isEqualTo("hook failed");
        assertThat(outcome.revision()).isEqualTo("a1b2c3d");
        assertThat(outcome.startedAt()).isEqualTo(start);
        assertThat(outcome.finishedAt()).isEqualTo(start.plusSeconds(42));
        assertThat(outcome.resources()).extracting(ResourceResult::name).containsExactly("migrate-x7k2", "web");
        assertThat(outcome.after()).isNull();
        assertThat(HOOK.failed()).isTrue();
        assertThat(DEPLOYMENT.failed()).isFalse();
    }
}
