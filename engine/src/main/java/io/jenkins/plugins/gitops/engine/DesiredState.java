package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.appofapps.ChildDocuments;
import io.jenkins.plugins.gitops.engine.cluster.live.ResourceTracking;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.project.ProjectPolicy;
import io.jenkins.plugins.gitops.engine.render.ChartRepositories;
import io.jenkins.plugins.gitops.engine.render.ManifestGenerator;
import io.jenkins.plugins.gitops.engine.render.RenderCache;
import io.jenkins.plugins.gitops.engine.render.RenderRequest;
import io.jenkins.plugins.gitops.engine.render.RenderSettings;
import io.jenkins.plugins.gitops.engine.render.RenderedManifests;
import io.jenkins.plugins.gitops.engine.render.ResourceScope;
import io.jenkins.plugins.gitops.engine.render.TargetObjects;
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
    private final ChartRepositories chartRepositories;

    DesiredState(RenderSettings settings, RenderCache cache, ChartRepositories chartRepositories) {
        this.settings = settings;
        this.cache = cache;
        this.chartRepositories = chartRepositories;
    }

    /** Forgets every cached rendering (a hard refresh renders again). */
    void forgetRenderings() {
        cache.clear();
    }

    /** Rendered manifests, unstamped: what {@code gitops render} prints. */
    List<KubeObject> render(SourceTree tree, ResourceScope scope) {
        return targets(tree, scope).objects();
    }

    /**
     * The Application and ApplicationSet documents the sources render (app of apps): they become child applications
     * and never reach the cluster.
     */
    List<KubeObject> childDocuments(SourceTree tree, ResourceScope scope) {
        return ChildDocuments.split(targets(tree, scope).objects()).children();
    }

    /** Every source rendered and combined as Argo CD does (the last source wins a repeated resource). */
    private TargetObjects targets(SourceTree tree, ResourceScope scope) {
        ManifestGenerator generator = new ManifestGenerator(settings, cache, scope, chartRepositories);
        List<List<KubeObject>> perSource = new ArrayList<>();
        for (RenderRequest r : tree.requests()) {
            RenderedManifests m = generator.render(r);
            perSource.add(m.objects());
        }
        return TargetObjects.of(perSource, scope);
    }

    /** Rendered, project-checked and stamped: what compare and sync work with. */
    Desired desired(SourceTree tree, DiscoveryScope scope, ProjectPolicy policy, ResourceTracking tracking) {
        Application app = tree.application();
        TargetObjects all = targets(tree, scope);
        ChildDocuments.Split split = ChildDocuments.split(all.objects());
        TargetObjects targets = new TargetObjects(split.resources(), all.repeated(), all.missingNamespace().stream()
                .filter(k -> !ChildDocuments.isChildKind(k.group(), k.kind())).toList());
        Set<ResourceKey> keys = targets.objects().stream().map(KubeObject::key).collect(Collectors.toSet());
        policy.checkResources(app, keys, k -> scope.clusterScoped(k.group(), k.kind()));
        String ns = app.destination().namespace();
        List<ComparisonCondition> conditions = new ArrayList<>();
        targets.repeated().forEach(m -> conditions.add(
                new ComparisonCondition(ComparisonCondition.REPEATED_RESOURCE_WARNING, m)));
        targets.missingNamespace().forEach(k -> conditions.add(new ComparisonCondition(
                ComparisonCondition.INVALID_SPEC_ERROR, TargetObjects.missingNamespaceMessage(k))));
        return new Desired(targets.objects().stream()
                .map(o -> generatedName(o) ? o : tracking.stamp(app.name(), o, ns)).toList(),
                conditions, Set.copyOf(targets.missingNamespace()), split.children());
    }

    /**
     * An object with only {@code metadata.generateName}: a hook gets its name, and then its tracking marks, when a
     * sync plans it (see {@code SyncExecution}); anything else is refused by the planner naming its file.
     */
    static boolean generatedName(KubeObject o) {
        return o.name().isEmpty() && !o.generateName().isEmpty();
    }

    /**
     * The stamped desired objects, the conditions found while combining the sources, and the namespaced resources
     * that have no namespace (they are compared, but never synced).
     */
    record Desired(List<KubeObject> objects, List<ComparisonCondition> conditions,
            Set<ResourceKey> missingNamespace, List<KubeObject> childDocuments) {}
}
