package io.jenkins.plugins.gitops.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyncEnumsTest {

    @Test
    void phasesInExecutionOrder() {
        assertThat(SyncPhase.values()).containsExactly(
                SyncPhase.PreSync, SyncPhase.Sync, SyncPhase.PostSync, SyncPhase.SyncFail, SyncPhase.PreDelete,
                SyncPhase.PostDelete);
    }

    @Test
    void hookTypesMapOntoPhases() {
        assertThat(SyncPhase.of(HookType.PreSync)).hasValue(SyncPhase.PreSync);
        assertThat(SyncPhase.of(HookType.SyncFail)).hasValue(SyncPhase.SyncFail);
        assertThat(SyncPhase.of(HookType.Skip)).isEmpty();
        assertThat(SyncPhase.of(HookType.PreDelete)).isEmpty();
        assertThat(SyncPhase.of(HookType.PostDelete)).isEmpty();
        assertThat(Arrays.stream(SyncPhase.values()).filter(p -> p.compareTo(SyncPhase.SyncFail) <= 0)
                .map(SyncPhase::hookType).map(SyncPhase::of)).allSatisfy(p -> assertThat(p).isPresent());
        assertThat(SyncPhase.PreDelete.hookType()).isEqualTo(HookType.PreDelete);
        assertThat(SyncPhase.PostDelete.hookType()).isEqualTo(HookType.PostDelete);
    }

    @Test
    void operationPhaseStates() {
        assertThat(Arrays.stream(OperationPhase.values()).filter(OperationPhase::completed))
                .containsExactly(OperationPhase.Failed, OperationPhase.Error, OperationPhase.Succeeded);
        assertThat(OperationPhase.Running.running()).isTrue();
        assertThat(OperationPhase.Terminating.completed()).isFalse();
        assertThat(OperationPhase.Succeeded.successful()).isTrue();
        assertThat(OperationPhase.Error.failed()).isFalse();
        assertThat(OperationPhase.Failed.failed()).isTrue();
    }

    @Test
    void resultStatuses() {
        assertThat(ResourceResultStatus.values()).extracting(Enum::name)
                .containsExactly("Synced", "SyncFailed", "Pruned", "PruneSkipped");
        assertThat(Arrays.stream(ResourceResultStatus.values()).filter(s -> !s.successful()))
                .containsExactly(ResourceResultStatus.SyncFailed);
    }
}
