package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Everything {@link SyncPlanner} needs to plan one sync of one application. Build with {@link #builder(String)}.
 *
 * @param appName the application, named in every problem
 * @param desired objects rendered from Git, hooks included, with destination namespaces already filled in
 * @param live the live objects this application tracks, by identity
 * @param syncStatus per-resource comparison result, used by {@code ApplyOutOfSyncOnly}; missing means OutOfSync
 * @param appOptions the application's {@code spec.syncPolicy.syncOptions}
 * @param prune whether pruning is enabled (manual sync flag or {@code automated.prune})
 * @param pruneConfirmed whether a person confirmed pruning of {@code Prune=confirm} resources
 * @param dryRun whether the runner only dry-runs (carried through to the plan)
 * @param allowEmpty false refuses a plan that would prune every live resource and apply nothing
 * @param selected resources of a selective sync (then no hooks run); empty for a full sync
 * @param destinationNamespace the application's destination namespace, created when {@code CreateNamespace=true}
 * @param sharedWithOtherApp tells whether a resource is tracked by another application ({@code FailOnSharedResource})
 * @param revision the commit being synced; its first 7 characters name hooks that only have a generateName
 * @param startedAt when the operation started; also part of generated hook names
 * @param trackHook stamps the tracking marks on a hook that only had a generateName once the planner named it (the
 *        tracking id names the object, so it can only be written then); identity by default
 * @param ignoredFields {@code RespectIgnoreDifferences=true}: given the target and the live object, the target
 *        without the fields {@code ignoreDifferences} names; only called for objects that exist and whose options
 *        say so; identity by default
 */
public record SyncRequest(
        String appName,
        List<KubeObject> desired,
        Map<ResourceKey, KubeObject> live,
        Map<ResourceKey, SyncStatus> syncStatus,
        SyncOptions appOptions,
        boolean prune,
        boolean pruneConfirmed,
        boolean dryRun,
        boolean allowEmpty,
        Optional<Set<ResourceKey>> selected,
        String destinationNamespace,
        Predicate<ResourceKey> sharedWithOtherApp,
        String revision,
        Instant startedAt,
        UnaryOperator<KubeObject> trackHook,
        BinaryOperator<KubeObject> ignoredFields) {

    public SyncRequest {
        Objects.requireNonNull(appName, "appName");
        desired = List.copyOf(desired);
        live = Map.copyOf(live);
        syncStatus = Map.copyOf(syncStatus);
        Objects.requireNonNull(appOptions, "appOptions");
        selected = selected.map(Set::copyOf);
        destinationNamespace = destinationNamespace == null ? "" : destinationNamespace;
        Objects.requireNonNull(sharedWithOtherApp, "sharedWithOtherApp");
        revision = revision == null ? "" : revision;
        Objects.requireNonNull(startedAt, "startedAt");
        trackHook = trackHook == null ? UnaryOperator.identity() : trackHook;
        ignoredFields = ignoredFields == null ? (target, current) -> target : ignoredFields;
    }

    /** Whether only some resources are synced (a selective sync, which runs no hooks). */
    public boolean selective() {
        return selected.isPresent();
    }

    public static Builder builder(String appName) {
        return new Builder(appName);
    }

    /** Builder with safe defaults: no objects, default options, prune off, allowEmpty off, a full sync. */
    public static final class Builder {
        private final String appName;
        private List<KubeObject> desired = List.of();
        private Map<ResourceKey, KubeObject> live = Map.of();
        private Map<ResourceKey, SyncStatus> syncStatus = Map.of();
        private SyncOptions appOptions = SyncOptions.DEFAULTS;
        private boolean prune;
        private boolean pruneConfirmed;
        private boolean dryRun;
        private boolean allowEmpty;
        private Set<ResourceKey> selected;
        private String destinationNamespace = "";
        private Predicate<ResourceKey> sharedWithOtherApp = key -> false;
        private String revision = "";
        private Instant startedAt = Instant.now();
        private UnaryOperator<KubeObject> trackHook;
        private BinaryOperator<KubeObject> ignoredFields;

        private Builder(String appName) {
            this.appName = appName;
        }

        public Builder desired(List<KubeObject> objects) {
            this.desired = objects;
            return this;
        }

        public Builder live(Map<ResourceKey, KubeObject> objects) {
            this.live = objects;
            return this;
        }

        /** Live objects keyed by their own identity. */
        public Builder live(List<KubeObject> objects) {
            Map<ResourceKey, KubeObject> byKey = new LinkedHashMap<>();
            objects.forEach(o -> byKey.put(o.key(), o));
            this.live = byKey;
            return this;
        }

        public Builder syncStatus(Map<ResourceKey, SyncStatus> status) {
            this.syncStatus = status;
            return this;
        }

        public Builder appOptions(SyncOptions options) {
            this.appOptions = options;
            return this;
        }

        public Builder prune(boolean enabled) {
            this.prune = enabled;
            return this;
        }

        public Builder pruneConfirmed(boolean confirmed) {
            this.pruneConfirmed = confirmed;
            return this;
        }

        public Builder dryRun(boolean enabled) {
            this.dryRun = enabled;
            return this;
        }

        public Builder allowEmpty(boolean allowed) {
            this.allowEmpty = allowed;
            return this;
        }

        /** Makes this a selective sync of exactly these resources. */
        public Builder selected(Set<ResourceKey> resources) {
            this.selected = resources;
            return this;
        }

        public Builder destinationNamespace(String namespace) {
            this.destinationNamespace = namespace;
            return this;
        }

        public Builder sharedWithOtherApp(Predicate<ResourceKey> predicate) {
            this.sharedWithOtherApp = predicate;
            return this;
        }

        public Builder revision(String commit) {
            this.revision = commit;
            return this;
        }

        public Builder startedAt(Instant time) {
            this.startedAt = time;
            return this;
        }

        public Builder trackHook(UnaryOperator<KubeObject> stamp) {
            this.trackHook = stamp;
            return this;
        }

        public Builder ignoredFields(BinaryOperator<KubeObject> respect) {
            this.ignoredFields = respect;
            return this;
        }

        public SyncRequest build() {
            return new SyncRequest(appName, desired, live, syncStatus, appOptions, prune, pruneConfirmed, dryRun,
                    allowEmpty, Optional.ofNullable(selected), destinationNamespace, sharedWithOtherApp, revision,
                    startedAt, trackHook, ignoredFields);
        }
    }
}
