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
 * After CustomResourceDefinitions were applied, waits until the API server reports them {@code Established} and its
 * discovery serves their kinds at every served version, so the custom resources of the next kind group can be created
 * (gitops-engine {@code ensureCRDReady}). Established alone is not enough: kube-apiserver publishes a new kind in
 * discovery a moment later, and a custom resource applied in between was refused as a kind the cluster does not serve.
 * Like gitops-engine it gives up after a while with a warning instead of failing: the apply of the custom resources
 * then says what is wrong.
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
            pending.removeIf(key -> ready(run, key));
            if (pending.isEmpty() || run.terminated()) {
                return;
            }
            if (!run.now().isBefore(deadline)) {
                run.progress().warn("CustomResourceDefinition(s) not Established and served after "
                        + HookTimeout.format(TIMEOUT) + ": " + pending + "; continuing");
                return;
            }
            run.sleep(poll);
        }
    }

    private static boolean ready(RunContext run, ResourceKey key) {
        Optional<KubeObject> crd;
        try {
            crd = run.applier().get(key);
        } catch (ClusterException e) {
            return false;
        }
        return crd.isPresent() && established(crd.get()) && served(run, crd.get());
    }

    private static boolean established(KubeObject crd) {
        for (var condition : crd.at("/status/conditions")) {
            if ("Established".equals(condition.path("type").asText())) {
                return "True".equals(condition.path("status").asText());
            }
        }
        return false;
    }

    /** Whether discovery serves the definition's kind at each version it serves ({@code spec.versions[].served}). */
    private static boolean served(RunContext run, KubeObject crd) {
        String group = crd.at("/spec/group").asText("");
        String kind = crd.at("/spec/names/kind").asText("");
        if (group.isEmpty() || kind.isEmpty()) {
            return true; // nothing to look for: Established is all there is to wait for
        }
        List<String> versions = new ArrayList<>();
        for (var v : crd.at("/spec/versions")) {
            if (v.path("served").asBoolean(true) && !v.path("name").asText("").isEmpty()) {
                versions.add(v.path("name").asText());
            }
        }
        if (versions.isEmpty() && !crd.at("/spec/version").asText("").isEmpty()) {
            versions.add(crd.at("/spec/version").asText()); // apiextensions.k8s.io/v1beta1
        }
        return versions.stream().allMatch(v -> run.applier().serves(group + "/" + v, kind));
    }
}
