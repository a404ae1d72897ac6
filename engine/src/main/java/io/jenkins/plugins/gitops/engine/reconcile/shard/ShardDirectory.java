package io.jenkins.plugins.gitops.engine.reconcile.shard;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.model.Application;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds an application's shard, read once from the leases by something that takes no part in the election
 * ({@code gitops status}): the number of shards and the sharding come from the leases' annotations, so the reader
 * needs to know only the namespace. Without a history of observations a one-shot reader judges expiry by the
 * lease's {@code renewTime} against its own wall clock (the controllers themselves never do).
 */
public final class ShardDirectory {

    private ShardDirectory() {
    }

    /** Empty when the namespace holds no shard leases (no controller group runs there). */
    public static Optional<ShardHolder> lookup(KubernetesClient client, String namespace, Application app, Clock clock) {
        List<Lease> leases = client.resources(Lease.class, LeaseList.class).inNamespace(namespace)
                .withLabel(ShardLeases.KIND_LABEL, "shard").list().getItems();
        Optional<Lease> any = leases.stream().filter(l -> l.getMetadata().getAnnotations() != null
                && l.getMetadata().getAnnotations().containsKey(ShardLeases.SHARDS_ANNOTATION)).findFirst();
        if (any.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> a = any.get().getMetadata().getAnnotations();
        int shards = Integer.parseInt(a.get(ShardLeases.SHARDS_ANNOTATION));
        Sharding sharding = Sharding.of(a.getOrDefault(ShardLeases.SHARDING_ANNOTATION, "cluster"));
        int shard = sharding.shardOf(app, shards);
        String holder = leases.stream().filter(l -> l.getMetadata().getName().equals(ShardLeases.SHARD_PREFIX + shard))
                .findFirst().filter(l -> live(l, clock)).map(l -> l.getSpec().getHolderIdentity()).orElse(null);
        return Optional.of(new ShardHolder(shard, shards, holder, false));
    }

    private static boolean live(Lease l, Clock clock) {
        var spec = l.getSpec();
        if (spec == null || spec.getHolderIdentity() == null || spec.getHolderIdentity().isEmpty()
                || spec.getRenewTime() == null) {
            return false;
        }
        int seconds = spec.getLeaseDurationSeconds() == null ? 15 : spec.getLeaseDurationSeconds();
        return spec.getRenewTime().plusSeconds(seconds).isAfter(ZonedDateTime.now(clock));
    }
}
