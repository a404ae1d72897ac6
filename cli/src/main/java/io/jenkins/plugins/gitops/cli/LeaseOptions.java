package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.reconcile.shard.LeaseTiming;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardSettings;
import io.jenkins.plugins.gitops.engine.reconcile.shard.Sharding;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code gitops controller}'s options for sharing the work with other controllers through Leases. */
final class LeaseOptions {

    @Option(names = "--shards", description = "share the applications with other controllers: N shards, one "
            + "coordination.k8s.io Lease each in --lease-namespace of the kubeconfig's cluster; this controller syncs "
            + "only the shards it holds and compares the others read-only (default: no sharing, it syncs everything)")
    Integer shards;

    @Option(names = "--sharding", description = "how applications map to shards: cluster (by destination cluster, as "
            + "Argo CD) or name (a stable hash of the application name); default: cluster")
    String sharding = "cluster";

    @Option(names = "--lease-namespace", description = "namespace of the Leases (default: default)")
    String namespace = "default";

    @Option(names = "--identity", description = "this controller's name in the leases, unique in the group "
            + "(default: <hostname>-<pid>)")
    String identity;

    @Option(names = "--lease-duration", description = "seconds others wait after the holder's last renewal before "
            + "taking a shard over (default: 15)")
    double leaseDuration = 15;

    @Option(names = "--renew-deadline", description = "seconds the holder keeps writing after its last successful "
            + "renewal (default: 10; shorter than --lease-duration)")
    double renewDeadline = 10;

    @Option(names = "--retry-period", description = "seconds between two attempts to acquire or renew (default: 2)")
    double retryPeriod = 2;

    /** The settings, or empty without {@code --shards}. */
    Optional<ShardSettings> settings() {
        if (shards == null) {
            return Optional.empty();
        }
        LeaseTiming timing = new LeaseTiming(seconds(leaseDuration, "--lease-duration"),
                seconds(renewDeadline, "--renew-deadline"), seconds(retryPeriod, "--retry-period"));
        return Optional.of(new ShardSettings(shards, Sharding.of(sharding), namespace,
                identity == null || identity.isBlank() ? defaultIdentity() : identity.trim(), timing));
    }

    private static Duration seconds(double value, String option) {
        if (!(value > 0) || value > 3600) {
            throw new IllegalArgumentException(option + " must be between 0 and 3600 seconds, not " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
