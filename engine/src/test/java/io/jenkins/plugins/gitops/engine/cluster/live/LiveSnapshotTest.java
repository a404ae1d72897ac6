package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSnapshotTest {

    @Test
    void aSnapshotIsCompleteExactlyWhenItHasNoProblems() {
        assertThat(LiveSnapshot.of("guestbook", Map.of(), List.of()).complete()).isTrue();
        LiveSnapshot broken = LiveSnapshot.of("guestbook", Map.of(), List.of("cannot watch a", "cannot watch b"));
        assertThat(broken.complete()).isFalse();
        assertThat(broken.problemSummary()).isEqualTo("cannot watch a; cannot watch b");
        assertThatThrownBy(() -> new LiveSnapshot("guestbook", Map.of(), false, List.of()))
                .hasMessageContaining("complete exactly when it has no problems");
    }
}
