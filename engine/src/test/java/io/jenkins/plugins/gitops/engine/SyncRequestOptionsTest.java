package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.sync.SyncOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sync dialog's options (Replace, Force, ApplyOutOfSyncOnly) ride on the request and beat the application's. */
class SyncRequestOptionsTest {

    @Test
    void requestOptions_overrideTheApplications_andSurviveTheOtherWithers() {
        SyncRequest r = SyncRequest.manual("ana").withSyncOptions(List.of("Replace=true", "ApplyOutOfSyncOnly=true"))
                .withPrune(true).withDryRun(true).withRevision("abc");
        assertThat(r.syncOptions()).containsExactly("Replace=true", "ApplyOutOfSyncOnly=true");
        SyncOptions effective = r.effectiveOptions(List.of("ApplyOutOfSyncOnly=false", "CreateNamespace=true"));
        assertThat(effective.replace()).isTrue();
        assertThat(effective.applyOutOfSyncOnly()).isTrue();
        assertThat(effective.createNamespace()).isTrue();
        assertThat(effective.force()).isFalse();
        assertThat(SyncRequest.manual("ana").effectiveOptions(List.of("Replace=true")).replace()).isTrue();
    }

    @Test
    void anUnknownOption_isRefusedNamingIt() {
        SyncRequest r = SyncRequest.manual("ana").withSyncOptions(List.of("Replce=true"));
        assertThatThrownBy(() -> r.effectiveOptions(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Replce=true").hasMessageContaining(SyncRequest.OPTIONS_FIELD);
    }
}
