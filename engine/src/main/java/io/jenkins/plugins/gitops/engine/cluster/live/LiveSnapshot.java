package io.jenkins.plugins.gitops.engine.cluster.live;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live objects an application manages, as seen at one moment, and whether that view is trustworthy.
 *
 * <p>Invariant: when {@code complete} is false, at least one kind could not be fully listed and {@code problems}
 * says which kind failed on which server and why. An object missing from an incomplete snapshot may exist: the sync
 * engine must never prune (or report "missing") on the strength of an incomplete snapshot. When {@code complete} is
 * true, {@code problems} is empty.
 *
 * @param appName the application the snapshot was taken for
 * @param objects managed (tracked, top-level) objects by key, sorted
 * @param complete whether every relevant kind was fully listed
 * @param problems one message per kind that was not (names the kind and the server)
 */
public record LiveSnapshot(String appName, Map<ResourceKey, KubeObject> objects, boolean complete, List<String> problems) {

    public LiveSnapshot {
        objects = Collections.unmodifiableMap(new TreeMap<>(objects));
        problems = List.copyOf(problems);
        if (complete != problems.isEmpty()) {
            throw new IllegalArgumentException("a snapshot is complete exactly when it has no problems: " + problems);
        }
    }

    /** A snapshot from objects and problems; complete when there are no problems. */
    public static LiveSnapshot of(String appName, Map<ResourceKey, KubeObject> objects, List<String> problems) {
        return new LiveSnapshot(appName, objects, problems.isEmpty(), problems);
    }

    /** Problems joined into one message, for an application condition. */
    public String problemSummary() {
        return String.join("; ", problems);
    }
}
