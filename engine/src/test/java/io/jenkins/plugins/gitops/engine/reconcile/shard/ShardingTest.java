package io.jenkins.plugins.gitops.engine.reconcile.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Destination;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shard of an application is a pure function of its name or destination (FNV-1a 32, as Argo CD's legacy). */
class ShardingTest {

    @Test
    void fnv1aMatchesTheReferenceVectors() {
        assertThat(Sharding.fnv32a("")).isEqualTo(0x811c9dc5);
        assertThat(Sharding.fnv32a("a")).isEqualTo(0xe40c292c);
        assertThat(Sharding.fnv32a("foobar")).isEqualTo(0xbf9cf968);
    }

    @Test
    void byNameSpreadsApplicationsAndNeverChanges() {
        List<Integer> shards = IntStream.range(0, 6).mapToObj(i -> Sharding.NAME.shardOf(app("app-" + i,
                "https://kubernetes.default.svc"), 3)).toList();
        assertThat(shards).containsExactly(2, 0, 1, 2, 1, 2); // computed independently with Python
    }

    @Test
    void byClusterKeepsEveryApplicationOfOneClusterInOneShard() {
        int inCluster = Sharding.CLUSTER.shardOf(app("a", "https://kubernetes.default.svc"), 5);
        assertThat(Sharding.CLUSTER.shardOf(app("b", "https://kubernetes.default.svc/"), 5)).isEqualTo(inCluster);
        assertThat(Sharding.CLUSTER.shardOf(app("c", new Destination(null, "in-cluster", "x")), 5))
                .isEqualTo(inCluster);
        assertThat(Sharding.CLUSTER.shardOf(app("d", "https://10.0.0.1:6443"), 1000)).isNotEqualTo(
                Sharding.CLUSTER.shardOf(app("d", "https://kubernetes.default.svc"), 1000));
    }

    @Test
    void unknownShardingIsOneClearLine() {
        assertThat(Sharding.of("NAME")).isEqualTo(Sharding.NAME);
        assertThatThrownBy(() -> Sharding.of("round-robin")).hasMessage(
                "unknown sharding 'round-robin': use cluster or name");
    }

    static Application app(String name, String server) {
        return app(name, new Destination(server, null, "x"));
    }

    static Application app(String name, Destination destination) {
        return new Application(name, "argocd", "default", java.util.Map.of(), java.util.Map.of(), List.of(), false,
                destination, null, List.of(), 10, "test");
    }
}
