package io.jenkins.plugins.gitops.engine.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When each application is refreshed next. Periodic refreshes come every {@code interval} plus a random
 * {@code [0, jitter)} (Argo CD: 120 s + up to 60 s) so applications spread out; a request (webhook, watch event, a
 * person) makes one due at once. Requests coalesce: any number of requests while an app waits or is being refreshed
 * yield one more refresh, not many. A requested refresh goes before periodic ones that are due at the same time
 * ({@link #takeDueEntries}), so a change seen by a watch is compared without waiting behind a full cycle of thousands
 * of applications. Thread-safe; time comes from the caller, so tests need no sleeps.
 */
public final class RefreshQueue {

    private static final class Entry {
        Instant next;
        boolean inFlight;
        boolean again;
        /** The next refresh was asked for (webhook, watch event, a person), not just due by the interval. */
        boolean requested;
        /** The next refresh reads Git afresh (false only while nothing but changes in the cluster asked for it). */
        boolean fetch = true;
        /** Whether the refresh after the one in flight reads Git afresh. */
        boolean againFetch;
    }

    /**
     * An application whose refresh is due, whether it was requested (it goes first), and whether it must read Git
     * afresh: false when only changes in the cluster asked for it (Argo CD's {@code CompareWithRecent}).
     */
    public record Due(String app, boolean requested, boolean fetch) {
        public Due(String app, boolean requested) {
            this(app, requested, true);
        }
    }

    private final Duration interval;
    private final Duration jitter;
    private final RandomGenerator random;
    private final Map<String, Entry> entries = new HashMap<>();

    public RefreshQueue(Duration interval, Duration jitter, RandomGenerator random) {
        this.interval = interval;
        this.jitter = jitter;
        this.random = random;
    }

    /** Registers an application; its first refresh is due now. Re-adding makes it due now. */
    public synchronized void add(String app, Instant now) {
        Entry e = entries.computeIfAbsent(app, a -> new Entry());
        e.next = now;
    }

    public synchronized void remove(String app) {
        entries.remove(app);
    }

    /** Asks for a refresh as soon as possible; returns false when one was already pending (coalesced). */
    public synchronized boolean request(String app, Instant now) {
        return request(app, now, true);
    }

    /**
     * Asks for a refresh because an object in the cluster changed: it compares with what Git held at the last fetch
     * and does not fetch, unless another request or the interval wants Git read anyway. Coalesces like
     * {@link #request(String, Instant)}.
     */
    public synchronized boolean requestForClusterChange(String app, Instant now) {
        return request(app, now, false);
    }

    private boolean request(String app, Instant now, boolean fetch) {
        Entry e = entries.get(app);
        if (e == null) {
            return false;
        }
        if (e.inFlight) {
            boolean fresh = !e.again;
            e.againFetch = fresh ? fetch : e.againFetch || fetch;
            e.again = true;
            return fresh;
        }
        boolean periodicDue = !e.requested && !e.next.isAfter(now);
        e.fetch = !e.requested && !periodicDue ? fetch : e.fetch || fetch;
        boolean fresh = e.next.isAfter(now) || !e.requested;
        e.next = now;
        e.requested = true;
        return fresh;
    }

    /** Applications due at {@code now} that are not being refreshed; they are marked in flight, requested first. */
    public List<String> takeDue(Instant now) {
        return takeDueEntries(now).stream().map(Due::app).toList();
    }

    /**
     * As {@link #takeDue}, saying which were requested: those come first (oldest first), then the periodic ones
     * (oldest first).
     */
    public synchronized List<Due> takeDueEntries(Instant now) {
        List<Map.Entry<String, Entry>> due = new ArrayList<>();
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            if (!me.getValue().inFlight && !me.getValue().next.isAfter(now)) {
                due.add(me);
            }
        }
        due.sort(Comparator.comparing((Map.Entry<String, Entry> me) -> !me.getValue().requested)
                .thenComparing(me -> me.getValue().next).thenComparing(Map.Entry::getKey));
        List<Due> out = new ArrayList<>(due.size());
        for (Map.Entry<String, Entry> me : due) {
            out.add(new Due(me.getKey(), me.getValue().requested, me.getValue().fetch));
            me.getValue().inFlight = true;
            me.getValue().requested = false;
            me.getValue().fetch = true;
        }
        return out;
    }

    /**
     * The refresh in flight has not started yet and will see what was requested meanwhile (it was moved to the
     * front): the requests made since it was taken need no further refresh.
     */
    public synchronized void requestServed(String app) {
        Entry e = entries.get(app);
        if (e != null && e.inFlight) {
            e.again = false;
        }
    }

    /** A refresh finished: the next one is due after interval + jitter, or at once if requested meanwhile. */
    public synchronized Instant done(String app, Instant now) {
        Entry e = entries.get(app);
        if (e == null) {
            return null;
        }
        e.inFlight = false;
        if (e.again) {
            e.again = false;
            e.next = now;
            e.requested = true;
            e.fetch = e.againFetch;
        } else {
            e.fetch = true;
            long j = jitter.isZero() ? 0 : random.nextLong(jitter.toMillis());
            e.next = now.plus(interval).plusMillis(j);
        }
        return e.next;
    }

    public synchronized Optional<Instant> next(String app) {
        Entry e = entries.get(app);
        return e == null ? Optional.empty() : Optional.of(e.next);
    }

    /** The earliest time anything is due (for sleeping until then), empty when nothing is registered. */
    public synchronized Optional<Instant> earliest() {
        return entries.values().stream().filter(e -> !e.inFlight).map(e -> e.next).min(Comparator.naturalOrder());
    }
}
