package io.jenkins.plugins.gitops.engine.sync.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.List;

/** Small helpers shared by the tests of this package. */
final class SyncOperationTestSupport {

    private SyncOperationTestSupport() {}

    static KubeObject yaml(String text) {
        try {
            return new KubeObject((ObjectNode) Yaml.YAML.readTree(text), "test");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ResourceKey key(String group, String kind, String namespace, String name) {
        return new ResourceKey(group, kind, namespace, name);
    }

    /** Log lines about objects (what was written and how it progressed), without "waiting for" and step lines. */
    static List<String> events(RecordingLog log) {
        return log.lines().stream().map(l -> l.substring(5))
                .filter(l -> !l.contains("waiting for") && !l.contains("task(s)"))
                .filter(l -> l.startsWith("shop: wave ") || l.contains(" hook "))
                .map(l -> l.substring("shop: ".length()))
                .toList();
    }
}
