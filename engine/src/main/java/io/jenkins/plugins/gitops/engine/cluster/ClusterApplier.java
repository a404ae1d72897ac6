package io.jenkins.plugins.gitops.engine.cluster;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.Optional;

/**
 * The {@link ResourceApplier} the sync engine is given: applies server-side or client-side per object, as
 * {@link ApplyOptions#serverSide()} says (Argo CD's {@code ServerSideApply} sync option can differ between the
 * application and a single resource's annotation). Everything else is the same for both strategies.
 */
public final class ClusterApplier implements ResourceApplier {

    private final ServerSideApplier serverSide;
    private final ClientSideApplier clientSide;

    public ClusterApplier(ServerSideApplier serverSide, ClientSideApplier clientSide) {
        this.serverSide = serverSide;
        this.clientSide = clientSide;
    }

    /** Both strategies over one connection, sharing its client and discovery cache. */
    public static ClusterApplier forConnection(ClusterConnection connection) {
        ResourceOperations ops = new ResourceOperations(connection.client(), connection.discovery(),
                connection.server(), connection.redactor());
        return new ClusterApplier(new ServerSideApplier(ops), new ClientSideApplier(ops));
    }

    private ResourceApplier strategy(ApplyOptions options) {
        return options.serverSide() ? serverSide : clientSide;
    }

    @Override
    public KubeObject apply(KubeObject desired, ApplyOptions options) {
        return strategy(options).apply(desired, options);
    }

    @Override
    public KubeObject replace(KubeObject desired, boolean force, ApplyOptions options) {
        return strategy(options).replace(desired, force, options);
    }

    @Override
    public KubeObject create(KubeObject desired, ApplyOptions options) {
        return strategy(options).create(desired, options);
    }

    @Override
    public boolean delete(ResourceKey key, PropagationPolicy propagation, boolean dryRun) {
        return clientSide.delete(key, propagation, dryRun);
    }

    @Override
    public Optional<KubeObject> get(ResourceKey key) {
        return clientSide.get(key);
    }
}
