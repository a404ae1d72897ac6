package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.appofapps.ChildComparison;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveState;
import io.jenkins.plugins.gitops.engine.diff.DiffReport;
import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.diff.FieldDifference;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiff;
import io.jenkins.plugins.gitops.engine.health.AppHealth;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthChecks;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.source.RevisionInfo;
import io.jenkins.plugins.gitops.engine.view.ResourceTree;
import io.jenkins.plugins.gitops.engine.view.ResourceTreeBuilder;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Builds the page-ready {@link AppComparison} from a diff and the live state it was computed against. */
final class ComparisonView {

    private final HealthChecks checks;

    ComparisonView(HealthChecks checks) {
        this.checks = checks;
    }

    AppComparison build(String app, String targetRevision, RevisionInfo rev, List<KubeObject> desired,
            Map<ResourceKey, KubeObject> live, LiveState liveState, DiffResult diff, Instant now,
            Function<ResourceKey, Optional<String>> whyMissing, List<ComparisonCondition> conditions,
            ChildComparison children, Function<ResourceKey, Optional<Health>> childHealth) {
        List<ResourceStatus> resources = new ArrayList<>();
        List<AppHealth.Resource> forHealth = new ArrayList<>();
        List<ResourceTreeBuilder.Managed> managed = new ArrayList<>();
        Map<ResourceKey, KubeObject> desiredByKey = byKey(desired);
        for (ResourceDiff d : diff.resources()) {
            KubeObject l = live.get(d.key());
            KubeObject target = desiredByKey.get(d.key());
            String apiVersion = target != null ? target.apiVersion() : l != null ? l.apiVersion() : "";
            Optional<Health> health = l == null ? (d.requiresPruning() ? Optional.empty()
                    : Optional.of(Health.missing(whyMissing.apply(d.key())
                            .orElse("resource does not exist in the cluster")))) : checks.assess(l);
            resources.add(new ResourceStatus(d.key().group(), version(apiVersion), d.key().kind(),
                    d.key().namespace(), d.key().name(), d.syncStatus(), health.map(Health::status).orElse(null),
                    health.map(Health::message).orElse(""), d.requiresPruning(), false, paths(d)));
            forHealth.add(new AppHealth.Resource(d.key(), l, false));
            managed.add(new ResourceTreeBuilder.Managed(d.key(), l, d.syncStatus(), d.requiresPruning()));
        }
        Health appHealth = forHealth.isEmpty() ? Health.healthy() : new AppHealth(checks).assess(forHealth);
        // app of apps: the child Applications are resources of the parent with their own health shown, but (as in
        // Argo CD since 1.8, which has no health check for argoproj.io/Application) not rolled up into the parent's
        for (ResourceDiff d : children.diff().resources()) {
            KubeObject l = children.live().get(d.key());
            String apiVersion = l != null ? l.apiVersion() : "argoproj.io/v1alpha1";
            Health health = l == null ? Health.missing("child application not registered yet: the parent's sync "
                    + "registers it") : childHealth.apply(d.key()).orElse(null);
            resources.add(new ResourceStatus(d.key().group(), version(apiVersion), d.key().kind(),
                    d.key().namespace(), d.key().name(), d.syncStatus(), health == null ? null : health.status(),
                    health == null ? "" : health.message(), d.requiresPruning(), false, paths(d)));
            managed.add(new ResourceTreeBuilder.Managed(d.key(), l, d.syncStatus(),
                    d.requiresPruning(), false, health));
        }
        SyncStatus sync = diff.syncStatus() == SyncStatus.OutOfSync || children.diff().syncStatus()
                == SyncStatus.OutOfSync ? SyncStatus.OutOfSync : SyncStatus.Synced;
        String unified = children.isEmpty() ? DiffReport.unifiedDiffs(diff)
                : DiffReport.unifiedDiffs(diff) + DiffReport.unifiedDiffs(children.diff());
        ResourceTree tree = new ResourceTreeBuilder(checks).build(managed, descendants(live.values(), liveState));
        return new AppComparison(app, rev.sha(), targetRevision, rev.message(), author(rev), rev.date(),
                sync, appHealth, List.copyOf(resources), tree, unified, null, now,
                conditions);
    }

    static AppComparison failed(String app, String targetRevision, String error, Instant now) {
        return new AppComparison(app, "", targetRevision, "", "", null, SyncStatus.Unknown,
                new Health(HealthStatus.Unknown, error), List.of(), new ResourceTreeBuilder().build(List.of(), List.of()),
                "", error, now);
    }

    private static List<String> paths(ResourceDiff d) {
        return d.differences().stream().map(FieldDifference::toString).toList();
    }

    /** Desired objects by key (the first of duplicates), so building a view is linear in the resources. */
    private static Map<ResourceKey, KubeObject> byKey(List<KubeObject> desired) {
        Map<ResourceKey, KubeObject> out = new HashMap<>(desired.size() * 2);
        for (KubeObject o : desired) {
            out.putIfAbsent(o.key(), o);
        }
        return out;
    }

    private static String version(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    private static String author(RevisionInfo rev) {
        return rev.authorName() == null || rev.authorName().isEmpty() ? ""
                : rev.authorName() + (rev.authorEmail() == null || rev.authorEmail().isEmpty() ? ""
                        : " <" + rev.authorEmail() + ">");
    }

    /** Every object owned (transitively) by a managed object: ReplicaSets, Pods, ... */
    private static List<KubeObject> descendants(Iterable<KubeObject> roots, LiveState liveState) {
        List<KubeObject> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<KubeObject> todo = new ArrayDeque<>();
        roots.forEach(todo::add);
        while (!todo.isEmpty()) {
            KubeObject o = todo.pop();
            if (o.uid().isEmpty() || !seen.add(o.uid())) {
                continue;
            }
            for (KubeObject child : liveState.childrenOf(o.uid())) {
                out.add(child);
                todo.add(child);
            }
        }
        return out;
    }
}
