package io.jenkins.plugins.gitops.engine.reconcile;

import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.model.Application;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a controller that shares the work with others leaves the manual operation it runs, so that the controller
 * taking over the application's shard finishes it when this one dies in its middle - Argo CD keeps the requested
 * operation in the Application's {@code operation} field for the same reason. The record is written under the
 * shard's lease before the operation's first write, removed when the operation ends here, and kept when the
 * operation stopped because the lease was lost (or the process died): the new holder finds it and runs the
 * operation again ({@link Controller} on every acquisition and registration).
 *
 * <p>Automated operations are not recorded: the new holder's own comparison and automation start them again.
 * Dry runs and local-directory syncs are not recorded either (nothing to finish; the directory is on the other
 * machine).
 */
public interface OperationHandover {

    /** A single controller: nothing to hand over. */
    OperationHandover NONE = new OperationHandover() {
        @Override
        public Optional<Receipt> record(Application app, SyncRequest request) {
            return Optional.empty();
        }

        @Override
        public void done(Receipt receipt) {
        }

        @Override
        public List<Carried> pending(Collection<Application> apps) {
            return List.of();
        }
    };

    /** What an operation's record was written as: {@link #done} removes exactly that version. */
    record Receipt(String application, String name, String version) {
    }

    /**
     * An operation left by a controller: the application, the request to run again, who ran it and since when.
     */
    record Carried(String application, SyncRequest request, String controller, Instant startedAt) {
    }

    /** Whether a request is handed over when its controller dies: manual, real, from Git. */
    static boolean carries(SyncRequest request) {
        return !request.dryRun() && !request.automated() && request.localDir() == null;
    }

    /** Records the operation that starts now; empty when it is not handed over (or could not be recorded). */
    Optional<Receipt> record(Application app, SyncRequest request);

    /** The operation ended on this controller: removes its record unless another controller has rewritten it. */
    void done(Receipt receipt);

    /** The recorded operations of these applications (one request for all of them). */
    List<Carried> pending(Collection<Application> apps);
}
