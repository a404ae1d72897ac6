package io.jenkins.plugins.gitops.engine.cluster.live;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes of owned objects (a Pod, a ReplicaSet) that arrived before their owner did. Each kind has its own informer
 * and event thread, so a Pod's event can overtake its ReplicaSet's; such a change is parked under the owner's uid and
 * released when an object with that uid is added. Bounded: at most {@link #CAPACITY} changes are kept and a change is
 * dropped once it has waited {@link #MAX_WAIT_MILLIS} (its owner was deleted or is never coming); a dropped change
 * only costs a refresh that the owner's own event triggers anyway.
 */
final class ParkedChanges<T> {

    static final int CAPACITY = 1000;
    static final long MAX_WAIT_MILLIS = 60_000;

    private record Parked<T>(T change, long since) {}

    private final Map<String, List<Parked<T>>> byOwnerUid = new LinkedHashMap<>();
    private int size;

    synchronized void park(String ownerUid, T change, long now) {
        expire(now);
        while (size >= CAPACITY) {
            dropOldest();
        }
        byOwnerUid.computeIfAbsent(ownerUid, k -> new ArrayList<>()).add(new Parked<>(change, now));
        size++;
    }

    /** The changes that waited for {@code ownerUid}, removed from the parking. */
    synchronized List<T> release(String ownerUid, long now) {
        expire(now);
        List<Parked<T>> parked = byOwnerUid.remove(ownerUid);
        if (parked == null) {
            return List.of();
        }
        size -= parked.size();
        return parked.stream().map(Parked::change).toList();
    }

    synchronized int size() {
        return size;
    }

    private void expire(long now) {
        for (Iterator<List<Parked<T>>> it = byOwnerUid.values().iterator(); it.hasNext(); ) {
            List<Parked<T>> list = it.next();
            int before = list.size();
            list.removeIf(p -> now - p.since() > MAX_WAIT_MILLIS);
            size -= before - list.size();
            if (list.isEmpty()) {
                it.remove();
            }
        }
    }

    private void dropOldest() {
        Iterator<List<Parked<T>>> it = byOwnerUid.values().iterator();
        List<Parked<T>> first = it.next();
        first.remove(0);
        size--;
        if (first.isEmpty()) {
            it.remove();
        }
    }
}
