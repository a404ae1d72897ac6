package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.cluster.live.ResourceTracking;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.project.ProjectPolicy;
import io.jenkins.plugins.gitops.engine.render.ManifestGenerator;
import io.jenkins.plugins.gitops.engine.render.RenderCache;
import io.jenkins.plugins.gitops.engine.render.RenderRequest;
import io.jenkins.plugins.gitops.engine.render.RenderSettings;
import io.jenkins.plugins.gitops.engine.render.RenderedManifests;
import io.jenkins.plugins.gitops.engine.render.ResourceScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Git's side of a comparison: every source rendered, stamped with the tracking metadata a sync writes (so the diff
 * compares like with like), and checked against the application's project before anything touches the cluster.
 */
final class DesiredState {

    private final RenderSettings settings;
    private final RenderCache cache;

    DesiredState(RenderSettings settings, RenderCache cache) {
        this.settings = settings;
        this.cache = cache;
    }

    /** Rendered manifests, unstamped: what {@code gitops render} prints. */
    List<KubeObject> render(SourceTree tree, ResourceScope scope) {
        ManifestGenerator generator = new ManifestGenerator(settings, cache, scope);
        List<KubeObject> out = new ArrayList<>();
        for (RenderRequest r : tree.requests()) {
            RenderedManifests m = generator.render(r);
            out.addAll(m.objects());
        }
        return out;
    }

    /** Rendered, project-checked and stamped: what compare and sync work with. */
    List<KubeObject> desired(SourceTree tree, DiscoveryScope scope, ProjectPolicy policy, ResourceTracking tracking) {
        Application app = tree.application();
        List<KubeObject> rendered = render(tree, scope);
        Set<ResourceKey> keys = rendered.stream().map(KubeObject::key).collect(Collectors.toSet());
        policy.checkResources(app, keys, k -> scope.clusterScoped(k.group(), k.kind()));
        String ns = app.destination().namespace();
        return rendered.stream().map(o -> generatedName(o) ? o : tracking.stamp(app.name(), o, ns)).toList();
    }

    /**
     * An object with only {@code metadata.generateName}: a hook gets its name, and then its tracking marks, when a
     * sync plans it (see {@code SyncExecution}); anything else is refused by the planner naming its file.
     */
    static boolean generatedName(KubeObject o) {
        return o.name().isEmpty() && !o.generateName().isEmpty();
    }
}
