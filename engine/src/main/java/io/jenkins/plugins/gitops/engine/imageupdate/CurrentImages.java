package io.jenkins.plugins.gitops.engine.imageupdate;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The images an application deploys now, as image references ({@code nginx:1.26.0}). Image Updater reads them from
 * the application's status; here they come from the manifests rendered from Git (with the overrides in effect), so an
 * update never bounces against a cluster that has not synced yet.
 */
@FunctionalInterface
public interface CurrentImages {

    List<String> images(Application app);

    /** The container images (containers, initContainers, ephemeralContainers at any depth) of rendered objects. */
    static CurrentImages rendered(Function<Application, List<KubeObject>> render) {
        return app -> {
            List<String> out = new ArrayList<>();
            for (KubeObject o : render.apply(app)) {
                collect(o.node(), out);
            }
            return out;
        };
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (Set.of("containers", "initContainers", "ephemeralContainers").contains(e.getKey())
                        && e.getValue().isArray()) {
                    for (JsonNode c : e.getValue()) {
                        if (c.hasNonNull("image")) {
                            out.add(c.get("image").asText());
                        }
                    }
                } else {
                    collect(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }
}
