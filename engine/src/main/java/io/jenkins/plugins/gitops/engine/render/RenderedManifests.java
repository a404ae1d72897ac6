package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.ApplicationSource.Tool;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;

/**
 * The desired state of one application source at one commit: the rendered objects, post-processed (lists
 * flattened, destination namespace defaulted on namespaced objects, no two objects with the same identity), in the
 * tool's order. Immutable and safe to share (the render cache hands the same instance to every caller).
 *
 * @param objects the objects, each carrying its source file relative to the repository root
 * @param tool the tool that rendered them
 * @param revision the commit rendered
 * @param path the application path in the repository
 * @param warnings things the user should know that did not stop rendering (ignored files, missing value files)
 * @param approximateBytes the size of the objects serialised as JSON, used for limits and cache accounting
 */
public record RenderedManifests(
        List<KubeObject> objects, Tool tool, String revision, String path, List<String> warnings,
        long approximateBytes) {

    public RenderedManifests {
        objects = List.copyOf(objects);
        warnings = List.copyOf(warnings);
    }

    public int size() {
        return objects.size();
    }
}
