package io.jenkins.plugins.gitops.engine.cluster;

import java.util.Optional;

/**
 * Asked immediately before every HTTP request that writes (POST, PUT, PATCH, DELETE, dry runs included) and before
 * every retry of one: a controller that shares the work through shard leases gives its operations a gate that closes
 * when the shard's lease is lost or was not renewed in time, so no request - not even a retry of a request that was
 * allowed - leaves this process afterwards. fabric8's own retries (with backoff, up to seconds after the first
 * attempt) are switched off for writes for that reason; {@link ResourceOperations} retries itself, asking the gate
 * each time.
 */
@FunctionalInterface
public interface WriteGate {

    /** Always open: a sole controller, a command run by a person. */
    WriteGate OPEN = Optional::empty;

    /** Empty while writing is allowed; otherwise why not ("lost leadership of shard 2 to ctl-b"). */
    Optional<String> closed();
}
