package io.jenkins.plugins.gitops.engine.reconcile.shard;

import java.util.Objects;

/**
 * One controller's part in a group of controllers: how many shards there are and how applications map to them (the
 * same for every controller of the group), the namespace of the managed cluster holding the Leases, this controller's
 * identity (unique in the group: it is written into the leases and shown on every page), and the lease timing.
 */
public record ShardSettings(int shards, Sharding sharding, String namespace, String identity, LeaseTiming timing) {

    public ShardSettings {
        if (shards < 1 || shards > 1000) {
            throw new IllegalArgumentException("shards must be between 1 and 1000, not " + shards);
        }
        Objects.requireNonNull(sharding, "sharding");
        if (namespace == null || !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("lease namespace '" + namespace + "' is not a valid namespace name");
        }
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("controller identity must not be empty");
        }
        Objects.requireNonNull(timing, "timing");
    }
}
