package io.jenkins.plugins.gitops.bench.compare;

import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.engine.cluster.live.GroupVersionKind;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveSnapshot;
import io.jenkins.plugins.gitops.engine.cluster.live.LiveState;
import io.jenkins.plugins.gitops.engine.cluster.live.ResourceTracking;
import io.jenkins.plugins.gitops.engine.cluster.live.TrackingMethod;
import io.jenkins.plugins.gitops.engine.diff.AppDiff;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiff;
import io.jenkins.plugins.gitops.engine.health.AppHealth;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One application's comparison as the controller runs it on a refresh: live snapshot of the tracked objects, diff
 * against the desired objects (stamped with their tracking ids, as a sync writes them), then application health.
 */
final class Comparison {

    private final String appName;
    private final List<KubeObject> desired;
    private final AppDiff diff = new AppDiff(DiffOptions.defaults());
    private final AppHealth health = new AppHealth();

    /** What one comparison produced. */
    record Outcome(LiveSnapshot snapshot, DiffResult diff, Health health) {
        long outOfSync() {
            return diff.outOfSync().size();
        }
    }

    /** @param desired rendered objects with namespaces set; stamped here with {@code appName}'s tracking ids */
    Comparison(String appName, List<KubeObject> desired, String namespace) {
        this.appName = appName;
        ResourceTracking tracking = ResourceTracking.of(TrackingMethod.Annotation);
        this.desired = desired.stream().map(o -> tracking.stamp(appName, o, namespace)).toList();
    }

    List<KubeObject> desired() {
        return desired;
    }

    /** The kinds the desired objects use, which a live state must list or watch. */
    Set<GroupVersionKind> kinds() {
        Set<GroupVersionKind> kinds = new TreeSet<>();
        desired.forEach(o -> kinds.add(GroupVersionKind.of(o)));
        return kinds;
    }

    Outcome against(LiveState live) {
        LiveSnapshot snapshot = live.snapshot(appName, TrackingMethod.Annotation);
        DiffResult result = diff.compare(desired, snapshot.objects());
        List<AppHealth.Resource> resources = result.resources().stream()
                .map(r -> new AppHealth.Resource(r.key(), snapshot.objects().get(r.key()), false))
                .toList();
        return new Outcome(snapshot, result, health.assess(resources));
    }

    /**
     * Checks that a comparison saw everything: a complete snapshot with every desired object live and one diff per
     * object. Out-of-sync resources are not a failure here (they are reported), missing or extra ones are.
     */
    static void verify(Object result, int expected) {
        Outcome o = (Outcome) result;
        if (!o.snapshot().complete()) {
            throw new BenchmarkFailure("incomplete live snapshot: " + o.snapshot().problemSummary());
        }
        long missing = o.diff().resources().stream().filter(ResourceDiff::missing).count();
        long prune = o.diff().requiresPruning().size();
        if (o.snapshot().objects().size() != expected || o.diff().resources().size() != expected || missing + prune > 0) {
            throw new BenchmarkFailure("compared " + o.diff().resources().size() + " resources (" + o.snapshot().objects()
                    .size() + " live, " + missing + " missing, " + prune + " to prune), expected " + expected);
        }
    }

    /** "500 Synced" or "498 Synced, 2 OutOfSync (first: ...)". */
    static String summary(Outcome o) {
        long outOfSync = o.outOfSync();
        long synced = o.diff().resources().size() - outOfSync;
        String text = synced + " Synced" + (outOfSync == 0 ? "" : ", " + outOfSync + " OutOfSync (first: "
                + o.diff().outOfSync().get(0).key() + ": " + o.diff().outOfSync().get(0).differences().stream()
                        .limit(3).map(Object::toString).toList() + ")");
        return text + "; app health " + o.health().status();
    }
}
