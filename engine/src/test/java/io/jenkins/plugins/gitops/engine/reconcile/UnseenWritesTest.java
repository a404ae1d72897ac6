package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnseenWritesTest {

    static final Instant DONE = Instant.parse("2026-12-05T12:00:00Z");
    static final ResourceKey WEB = new ResourceKey("apps", "Deployment", "shop", "web");
    static final ResourceKey CONFIG = new ResourceKey("", "ConfigMap", "shop", "web-config");
    static final ResourceKey OLD = new ResourceKey("", "ConfigMap", "shop", "old");
    static final ResourceKey NS = new ResourceKey("", "Namespace", "", "shop");

    static final UnseenWrites WRITES = UnseenWrites.of(new SyncOutcome("Succeeded", "ok", "abc", DONE.minusSeconds(5),
            DONE, List.of(
                    result(WEB, "Synced", ""), result(CONFIG, "Synced", ""), result(OLD, "Pruned", ""),
                    result(NS, "Synced", ""),
                    result(new ResourceKey("batch", "Job", "shop", "migrate"), "Synced", "PreSync")), null));

    static ResourceResult result(ResourceKey k, String status, String hook) {
        return new ResourceResult(k.group(), "v1", k.kind(), k.namespace(), k.name(), status, "", hook,
                hook.isEmpty() ? "" : "Succeeded", hook.isEmpty() ? "Sync" : hook, 0);
    }

    @Test
    void resourcesTheOperationWroteAndGitDeclaresAreAwaitedInTheLiveState() {
        List<ResourceKey> desired = List.of(WEB, CONFIG);

        assertThat(WRITES.missingFrom(desired, Map.of(), DONE.plusSeconds(1))).containsExactly(CONFIG, WEB);
        assertThat(WRITES.missingFrom(desired, Map.of(CONFIG, "live"), DONE.plusSeconds(1))).containsExactly(WEB);
        assertThat(WRITES.missingFrom(desired, Map.of(CONFIG, "live", WEB, "live"), DONE.plusSeconds(1))).isEmpty();
    }

    @Test
    void hooksPrunedObjectsAndUndeclaredObjectsAreNeverAwaited() {
        assertThat(WRITES.keys()).containsExactlyInAnyOrder(WEB, CONFIG, NS);
        assertThat(WRITES.missingFrom(List.of(OLD, new ResourceKey("batch", "Job", "shop", "migrate")), Map.of(),
                DONE)).isEmpty();
        assertThat(WRITES.missingFrom(List.of(WEB), Map.of(WEB, "live"), DONE)).as("the namespace is not in Git")
                .isEmpty();
    }

    @Test
    void afterTheLimitAMissingObjectIsReallyGone() {
        assertThat(WRITES.missingFrom(List.of(WEB), Map.of(), DONE.plus(UnseenWrites.LIMIT).minusMillis(1)))
                .containsExactly(WEB);
        assertThat(WRITES.missingFrom(List.of(WEB), Map.of(), DONE.plus(UnseenWrites.LIMIT))).isEmpty();
        assertThat(UnseenWrites.NONE.missingFrom(List.of(WEB), Map.of(), DONE)).isEmpty();
    }
}
