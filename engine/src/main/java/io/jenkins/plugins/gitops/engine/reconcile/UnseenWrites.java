package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The objects an operation wrote that the watch-backed live cache has not shown yet. Right after a sync the cache can
 * lag behind the API server (its watch delivers the new objects a moment later; seconds on a loaded machine), and a
 * comparison against it would call an object the sync just created "deleted": a false drift event naming nobody, and
 * a self-heal that re-applies what is already there. Until every written object has appeared, or {@link #LIMIT} has
 * passed (then the object really is gone and drift is judged as usual), the controller neither judges drift nor
 * decides automation on that comparison.
 *
 * <p>Invariant: holds only resources (never hooks, which may delete themselves) whose result was Synced.
 */
record UnseenWrites(Set<ResourceKey> keys, Instant since) {

    /** How long an operation's writes may stay unseen before they count as gone. */
    static final Duration LIMIT = Duration.ofSeconds(15);

    static final UnseenWrites NONE = new UnseenWrites(Set.of(), Instant.EPOCH);

    /** The resources {@code outcome} created or updated. */
    static UnseenWrites of(SyncOutcome outcome) {
        if (outcome.resources() == null || outcome.finishedAt() == null) {
            return NONE;
        }
        return new UnseenWrites(outcome.resources().stream()
                .filter(r -> r.hookType() == null || r.hookType().isEmpty())
                .filter(r -> "Synced".equals(r.status()))
                .map(UnseenWrites::key)
                .collect(Collectors.toUnmodifiableSet()), outcome.finishedAt());
    }

    private static ResourceKey key(ResourceResult r) {
        return new ResourceKey(r.group(), r.kind(), r.namespace(), r.name());
    }

    /**
     * The written resources that Git still declares ({@code desired}) but {@code live} does not show, sorted; empty
     * once everything appeared or the limit passed. Objects the sync made without Git declaring them (a namespace of
     * CreateNamespace=true) are not tracked live, so they are never waited for.
     */
    List<ResourceKey> missingFrom(Collection<ResourceKey> desired, Map<ResourceKey, ?> live, Instant now) {
        if (keys.isEmpty() || !now.isBefore(since.plus(LIMIT))) {
            return List.of();
        }
        return desired.stream().filter(keys::contains).filter(k -> !live.containsKey(k)).sorted().distinct().toList();
    }
}
