package io.jenkins.plugins.gitops.engine.reconcile.shard;

/**
 * Which controller may sync an application: its shard, the shard's lease holder as last seen (null: nobody holds
 * it now), and whether that is this controller.
 */
public record ShardHolder(int shard, int shards, String holder, boolean mine) {

    /** The only controller there is (no leases): it holds everything. */
    public static ShardHolder sole() {
        return new ShardHolder(0, 1, null, true);
    }

    /** Whether the work is shared through leases at all. */
    public boolean sharded() {
        return holder != null || !mine;
    }

    /** "shard 2 of 3, held by ctl-b (this controller)" - for pages and logs. */
    public String describe() {
        return "shard " + shard + " of " + shards + ", " + (holder == null ? "held by no controller right now"
                : "held by " + holder + (mine ? " (this controller)" : ""));
    }
}
