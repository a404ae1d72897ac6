package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookLogTailsTest {

    static ResourceResult result(String kind, String name, String status, String hookType, String hookPhase) {
        return new ResourceResult(kind.equals("Job") ? "batch" : "", "v1", kind, "shop", name, status, "",
                hookType, hookPhase, "Sync", 0);
    }

    @Test
    void onlyFailedHooks_areRead_andKeyedByKindNamespaceName() {
        List<ResourceKey> asked = new ArrayList<>();
        Map<String, String> tails = HookLogTails.collect(List.of(
                result("Job", "migrate", "Synced", "PreSync", "Failed"),
                result("Pod", "smoke", "SyncFailed", "PostSync", "Running"),
                result("Job", "ok", "Synced", "PreSync", "Succeeded"),
                result("Deployment", "web", "SyncFailed", "", ""),
                result("Pod", "quiet", "Synced", "Sync", "Error")), key -> {
                    asked.add(key);
                    return key.name().equals("quiet") ? "  " : "last line of " + key.name() + "\n";
                });
        assertThat(asked).extracting(ResourceKey::name).containsExactly("migrate", "smoke", "quiet");
        assertThat(asked.get(0).group()).isEqualTo("batch");
        assertThat(tails).containsExactly(Map.entry("Job/shop/migrate", "last line of migrate"),
                Map.entry("Pod/shop/smoke", "last line of smoke"));
        assertThat(HookLogTails.collect(null, k -> "x")).isEmpty();
    }
}
