package io.jenkins.plugins.gitops.engine.cluster;

import io.jenkins.plugins.gitops.engine.model.KubeObject;

/**
 * The {@link ResourceApplier} the sync engine is given: applies server-side or client-side per object, as
 * {@link ApplyOptions#serverSide()} says (Argo CD's {@code ServerSideApply} sync option can differ between the
 * application and a single resource's annotation). Everything else is the same for both strategies.
 *
 * <p>One exception, {@link #usesClientSide}: an object with {@code Validate=false} is written client-side even when
 * server-side apply was asked for. A real API server cannot skip the schema in server-side apply: it builds a typed
 * patch from the object, and an unknown field fails that with HTTP 500 "field not declared in schema" whatever
 * {@code fieldValidation} says. A client-side write honours {@code fieldValidation=Ignore} and drops the field.
 *
 * <p>Only the writes that differ choose a strategy; every other call (reads, lists, watches, deletes, finalizers)
 * passes to the client-side applier through {@link ForwardingResourceApplier}, so a method added to
 * {@link ResourceApplier} reaches the cluster without being forwarded here by hand.
 */
public final class ClusterApplier extends ForwardingResourceApplier {

    private final ServerSideApplier serverSide;
    private final ClientSideApplier clientSide;

    public ClusterApplier(ServerSideApplier serverSide, ClientSideApplier clientSide) {
        super(clientSide);
        this.serverSide = serverSide;
        this.clientSide = clientSide;
    }

    /** Both strategies over one connection, sharing its client and discovery cache. */
    public static ClusterApplier forConnection(ClusterConnection connection) {
        return forConnection(connection, WriteGate.OPEN);
    }

    /** Both strategies over one connection; every write request, and every retry of one, asks {@code gate} first. */
    public static ClusterApplier forConnection(ClusterConnection connection, WriteGate gate) {
        ResourceOperations ops = new ResourceOperations(connection.client(), connection.discovery(),
                connection.server(), connection.redactor(), gate);
        return new ClusterApplier(new ServerSideApplier(ops), new ClientSideApplier(ops));
    }

    private ResourceApplier strategy(ApplyOptions options) {
        return usesClientSide(options) ? clientSide : serverSide;
    }

    /** Whether a write with these options goes client-side: asked for, or {@code Validate=false} (see above). */
    public static boolean usesClientSide(ApplyOptions options) {
        return !options.serverSide() || !options.validate();
    }

    @Override
    public KubeObject apply(KubeObject desired, ApplyOptions options) {
        return strategy(options).apply(desired, options);
    }

    @Override
    public KubeObject dryRun(KubeObject desired, ApplyOptions options) {
        return strategy(options).dryRun(desired, options);
    }

    @Override
    public KubeObject replace(KubeObject desired, boolean force, ApplyOptions options) {
        return strategy(options).replace(desired, force, options);
    }

    @Override
    public KubeObject create(KubeObject desired, ApplyOptions options) {
        return strategy(options).create(desired, options);
    }
}
