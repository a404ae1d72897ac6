package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardHolder;
import io.jenkins.plugins.gitops.engine.sync.run.WriteFence;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/**
 * What the {@link Controller} may do for an application when several controllers share the work: only the holder
 * of the application's shard syncs, self-heals and prunes it, under a {@link WriteFence}; the others compare it
 * read-only. {@link #SOLE} is the single controller that holds everything (no leases); the leased implementation is
 * {@link io.jenkins.plugins.gitops.engine.reconcile.shard.ShardLeases}.
 */
public interface Leadership {

    Leadership SOLE = new Leadership() {
        @Override
        public ShardHolder holder(Application app) {
            return ShardHolder.sole();
        }

        @Override
        public WriteFence fence(Application app) {
            return WriteFence.NONE;
        }
    };

    /**
     * Holds nothing: every application is compared read-only and nothing is synced (a controller configured to share
     * the work whose leases it cannot reach must not sync alone beside the others).
     */
    Leadership NONE = new Leadership() {
        @Override
        public ShardHolder holder(Application app) {
            return new ShardHolder(0, 1, null, false);
        }

        @Override
        public WriteFence fence(Application app) {
            return () -> java.util.Optional.of("this controller holds no shard (its leases are not configured)");
        }
    };

    /** The application's shard and who holds it now. */
    ShardHolder holder(Application app);

    /** A fence for one operation on the application, started now: it stays closed once the lease is lost. */
    WriteFence fence(Application app);

    /** Tells {@code acquired} the number of every shard this controller acquires (its applications need a refresh). */
    default void onAcquired(IntConsumer acquired) {
    }

    /** Which shards have an operation running (a controller gives back only idle shards when balancing). */
    default void busyShards(IntPredicate busy) {
    }

    /** Where the manual operations of the held shards are recorded for a take-over ({@link OperationHandover}). */
    default OperationHandover handover() {
        return OperationHandover.NONE;
    }

    /** The shard of an application, for {@link #busyShards}. */
    default int shardOf(Application app) {
        return holder(app).shard();
    }
}
