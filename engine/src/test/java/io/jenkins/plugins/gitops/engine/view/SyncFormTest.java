package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncFormTest {

    @Test
    void everyOptionOfTheDialog_reachesTheRequest() {
        SyncForm form = SyncForm.of(Map.of("prune", "true", "dryRun", "true", "applyOutOfSyncOnly", "on",
                "force", "true", "replace", "true", "revision", " v1.2 ")::get,
                new String[] {"apps/Deployment/shop/web", "/ConfigMap/shop/web-config"});
        SyncRequest r = form.toRequest("ana");
        assertThat(r.prune()).isTrue();
        assertThat(r.dryRun()).isTrue();
        assertThat(r.revision()).isEqualTo("v1.2");
        assertThat(r.initiatedBy()).isEqualTo("ana");
        assertThat(r.automated()).isFalse();
        assertThat(r.resources()).containsExactly(new ResourceKey("apps", "Deployment", "shop", "web"),
                new ResourceKey("", "ConfigMap", "shop", "web-config"));
        assertThat(r.syncOptions()).containsExactly("ApplyOutOfSyncOnly=true", "Replace=true", "Force=true");
        assertThat(r.effectiveOptions(List.of()).replace()).isTrue();
    }

    @Test
    void anEmptyForm_isAPlainSyncOfEverythingAtTheApplicationsRevision() {
        SyncRequest r = SyncForm.of(Map.<String, String>of()::get, null).toRequest("ana");
        assertThat(r.prune()).isFalse();
        assertThat(r.dryRun()).isFalse();
        assertThat(r.revision()).isNull();
        assertThat(r.selective()).isFalse();
        assertThat(r.syncOptions()).isEmpty();
    }

    @Test
    void aMalformedResourceId_isRefusedNamingIt() {
        SyncForm form = SyncForm.of(Map.<String, String>of()::get, new String[] {"web"});
        assertThatThrownBy(() -> form.toRequest("ana")).hasMessageContaining("'web'");
    }
}
