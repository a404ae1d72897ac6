package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RefreshQueueTest {

    static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void periodicRefreshComesAfterIntervalPlusJitter() {
        RefreshQueue q = new RefreshQueue(Duration.ofSeconds(120), Duration.ofSeconds(60), new Random(7));
        q.add("a", T0);
        assertThat(q.takeDue(T0)).containsExactly("a");
        Instant next = q.done("a", T0);
        assertThat(next).isBetween(T0.plusSeconds(120), T0.plusSeconds(180));
        assertThat(q.takeDue(T0.plusSeconds(119))).isEmpty();
        assertThat(q.takeDue(T0.plusSeconds(180))).containsExactly("a");
    }

    @Test
    void jitterSpreadsApplications() {
        RefreshQueue q = new RefreshQueue(Duration.ofSeconds(120), Duration.ofSeconds(60), new Random(1));
        java.util.Set<Instant> times = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            q.add("app" + i, T0);
        }
        q.takeDue(T0).forEach(a -> times.add(q.done(a, T0)));
        assertThat(times).hasSizeGreaterThan(15);
        assertThat(times).allSatisfy(t -> assertThat(t).isBetween(T0.plusSeconds(120), T0.plusSeconds(180)));
    }

    @Test
    void requestsCoalesce() {
        RefreshQueue q = new RefreshQueue(Duration.ofSeconds(120), Duration.ZERO, new Random(1));
        q.add("a", T0);
        q.takeDue(T0);
        q.done("a", T0);
        assertThat(q.request("a", T0.plusSeconds(5))).isTrue();
        assertThat(q.request("a", T0.plusSeconds(6))).isFalse();
        assertThat(q.takeDue(T0.plusSeconds(6))).containsExactly("a");
        // while in flight, many requests give exactly one more refresh
        assertThat(q.request("a", T0.plusSeconds(7))).isTrue();
        assertThat(q.request("a", T0.plusSeconds(8))).isFalse();
        assertThat(q.takeDue(T0.plusSeconds(9))).isEmpty();
        assertThat(q.done("a", T0.plusSeconds(10))).isEqualTo(T0.plusSeconds(10));
        assertThat(q.takeDue(T0.plusSeconds(10))).containsExactly("a");
        assertThat(q.done("a", T0.plusSeconds(11))).isEqualTo(T0.plusSeconds(131));
    }

    @Test
    void onlyARefreshNothingButClusterChangesAskedForSkipsGit() {
        RefreshQueue q = new RefreshQueue(Duration.ofSeconds(120), Duration.ZERO, new Random(1));
        q.add("a", T0);
        assertThat(q.takeDueEntries(T0)).containsExactly(new RefreshQueue.Due("a", false, true)); // first: fetch
        q.done("a", T0);
        // a watched object changed: compare with what Git held at the last fetch
        assertThat(q.requestForClusterChange("a", T0.plusSeconds(5))).isTrue();
        assertThat(q.requestForClusterChange("a", T0.plusSeconds(6))).isFalse();
        assertThat(q.takeDueEntries(T0.plusSeconds(6))).containsExactly(new RefreshQueue.Due("a", true, false));
        q.done("a", T0.plusSeconds(7));
        // a cluster change and a person (or webhook) asking: Git is read
        q.requestForClusterChange("a", T0.plusSeconds(8));
        q.request("a", T0.plusSeconds(8));
        assertThat(q.takeDueEntries(T0.plusSeconds(8))).containsExactly(new RefreshQueue.Due("a", true, true));
        // while in flight: the refresh after it reads Git only if a request other than a cluster change came
        q.requestForClusterChange("a", T0.plusSeconds(9));
        q.done("a", T0.plusSeconds(9));
        assertThat(q.takeDueEntries(T0.plusSeconds(9))).containsExactly(new RefreshQueue.Due("a", true, false));
        q.requestForClusterChange("a", T0.plusSeconds(10));
        q.request("a", T0.plusSeconds(10));
        q.done("a", T0.plusSeconds(10));
        assertThat(q.takeDueEntries(T0.plusSeconds(10))).containsExactly(new RefreshQueue.Due("a", true, true));
        q.done("a", T0.plusSeconds(11));
        // the periodic refresh reads Git, even when a cluster change arrives once it is due
        q.requestForClusterChange("a", T0.plusSeconds(131));
        assertThat(q.takeDueEntries(T0.plusSeconds(131))).containsExactly(new RefreshQueue.Due("a", true, true));
        q.done("a", T0.plusSeconds(132));
        assertThat(q.takeDueEntries(T0.plusSeconds(252))).containsExactly(new RefreshQueue.Due("a", false, true));
    }

    @Test
    void requestedRefreshesGoBeforePeriodicOnes() {
        RefreshQueue q = new RefreshQueue(Duration.ofSeconds(120), Duration.ZERO, new Random(1));
        for (String a : new String[] {"a", "b", "c", "d"}) {
            q.add(a, T0);
        }
        q.takeDue(T0).forEach(a -> q.done(a, T0));
        // all four due by the interval; "c" was asked for (a watch event) after they became due
        assertThat(q.request("c", T0.plusSeconds(130))).isTrue();
        assertThat(q.takeDueEntries(T0.plusSeconds(130))).containsExactly(new RefreshQueue.Due("c", true),
                new RefreshQueue.Due("a", false), new RefreshQueue.Due("b", false), new RefreshQueue.Due("d", false));
        // a request while in flight repeats the refresh at once, again as a requested one
        assertThat(q.request("b", T0.plusSeconds(131))).isTrue();
        q.done("a", T0.plusSeconds(132));
        q.done("b", T0.plusSeconds(132));
        assertThat(q.takeDueEntries(T0.plusSeconds(132))).containsExactly(new RefreshQueue.Due("b", true));
    }

    @Test
    void aRequestServedByAWaitingRefreshAddsNoOther() {
        RefreshQueue q = new RefreshQueue(Duration.ofSeconds(120), Duration.ZERO, new Random(1));
        q.add("a", T0);
        q.takeDue(T0);
        assertThat(q.request("a", T0.plusSeconds(1))).isTrue();
        q.requestServed("a"); // the refresh had not started: it was moved to the front and will see the change
        assertThat(q.done("a", T0.plusSeconds(2))).isEqualTo(T0.plusSeconds(122));
    }

    @Test
    void removedAppsAreForgotten() {
        RefreshQueue q = new RefreshQueue(Duration.ofSeconds(120), Duration.ZERO, new Random(1));
        q.add("a", T0);
        q.remove("a");
        assertThat(q.takeDue(T0)).isEmpty();
        assertThat(q.request("a", T0)).isFalse();
        assertThat(q.earliest()).isEmpty();
    }
}
