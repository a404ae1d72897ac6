package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * After CustomResourceDefinitions were applied, waits until the API server reports them {@code Established}, so the
 * custom resources of the next kind group can be created (gitops-engine {@code ensureCRDReady}). Like gitops-engine it
 * gives up after a while with a warning instead of failing: the apply of the custom resources then says what is wrong.
 */
final class CrdReadiness {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private CrdReadiness() {}

    static void await(RunContext run, List<ResourceKey> crds) {
        List<ResourceKey> pending = new ArrayList<>(crds);
        Instant deadline = run.now().plus(TIMEOUT);
        Duration poll = run.context().pollInterval().compareTo(POLL) < 0 ? run.context().pollInterval() : POLL;
        while (true) {
            pending.removeIf(key -> established(run, key));
            if (pending.isEmpty() || run.terminated()) {
                return;
            }
            if (!run.now().isBefore(deadline)) {
                run.progress().warn("CustomResourceDefinition(s) not Established after " + HookTimeout.format(TIMEOUT)
                        + ": " + pending + "; continuing");
                return;
            }
            run.sleep(poll);
        }
    }

    private static boolean established(RunContext run, ResourceKey key) {
        Optional<KubeObject> crd;
        try {
            crd = run.applier().get(key);
        } catch (ClusterException e) {
            return false;
        }
        if (crd.isEmpty()) {
            return false;
        }
        for (var condition : crd.get().at("/status/conditions")) {
            if ("Established".equals(condition.path("type").asText())) {
                return "True".equals(condition.path("status").asText());
            }
        }
        return false;
    }
}
