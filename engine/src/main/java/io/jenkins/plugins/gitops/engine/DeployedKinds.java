package io.jenkins.plugins.gitops.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kinds an application has ever deployed, remembered in the state store: live state must be read for those
 * kinds too, or an object whose kind was removed from Git would never be found and pruned.
 */
final class DeployedKinds {

    private static final String DOCUMENT = "kinds";

    private final StateStore store;

    DeployedKinds(StateStore store) {
        this.store = store;
    }

    Set<GroupVersionKind> load(String app) {
        Set<GroupVersionKind> out = new TreeSet<>();
        store.read(app, DOCUMENT).ifPresent(n -> n.forEach(e -> out.add(GroupVersionKind.of(
                e.path("apiVersion").asText(), e.path("kind").asText()))));
        return out;
    }

    /** Kinds to read live: the desired objects' plus every kind deployed before. */
    Set<GroupVersionKind> toWatch(String app, Collection<KubeObject> desired) {
        Set<GroupVersionKind> kinds = load(app);
        desired.forEach(o -> kinds.add(GroupVersionKind.of(o)));
        return kinds;
    }

    void remember(String app, Collection<KubeObject> applied) {
        Set<GroupVersionKind> kinds = load(app);
        applied.forEach(o -> kinds.add(GroupVersionKind.of(o)));
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (GroupVersionKind k : kinds) {
            arr.addObject().put("apiVersion", k.apiVersion()).put("kind", k.kind());
        }
        store.write(app, DOCUMENT, arr);
    }

    static boolean isEmpty(JsonNode n) {
        return n == null || n.isEmpty();
    }
}
