package io.jenkins.plugins.gitops.engine.cluster.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parking is driven by explicit clock values, so nothing here depends on real time. */
class ParkedChangesTest {

    @Test
    void releasesWhatWaitedForAnOwnerOnce() {
        ParkedChanges<String> parked = new ParkedChanges<>();
        parked.park("rs-uid", "pod-a added", 0);
        parked.park("rs-uid", "pod-b added", 1);
        parked.park("other-uid", "pod-c added", 2);

        assertThat(parked.release("rs-uid", 3)).containsExactly("pod-a added", "pod-b added");
        assertThat(parked.release("rs-uid", 4)).isEmpty();
        assertThat(parked.size()).isEqualTo(1);
    }

    @Test
    void dropsChangesWhoseOwnerNeverCame() {
        ParkedChanges<String> parked = new ParkedChanges<>();
        parked.park("gone-uid", "orphan pod", 0);

        assertThat(parked.release("gone-uid", ParkedChanges.MAX_WAIT_MILLIS + 1)).isEmpty();
        assertThat(parked.size()).isZero();
    }

    @Test
    void staysWithinCapacityByDroppingTheOldest() {
        ParkedChanges<Integer> parked = new ParkedChanges<>();
        for (int i = 0; i <= ParkedChanges.CAPACITY; i++) {
            parked.park("uid-" + i, i, 0);
        }

        assertThat(parked.size()).isEqualTo(ParkedChanges.CAPACITY);
        assertThat(parked.release("uid-0", 0)).isEmpty();
        assertThat(parked.release("uid-" + ParkedChanges.CAPACITY, 0)).containsExactly(ParkedChanges.CAPACITY);
    }
}
