package io.jenkins.plugins.gitops.engine.reconcile.shard;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.reconcile.Leadership;
import io.jenkins.plugins.gitops.engine.sync.run.WriteFence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * Leader election per shard on coordination.k8s.io/v1 Leases (see the package documentation): every
 * {@code retryPeriod} one {@link #round()} renews this controller's membership lease, counts the live controllers,
 * renews the shards it holds, acquires free or expired ones up to its fair share, and gives one idle shard back
 * when it holds more than that. {@link #fence} hands operations a {@link WriteFence} that closes when the lease is
 * lost, not renewed within the renew deadline, or held in a newer term.
 *
 * <p>Why not fabric8's {@code LeaderElector}: it elects one leader per lease and reports the loss through a callback
 * on its own thread, which a paused process runs too late; fencing needs the renew deadline checked on the writing
 * thread itself and a term that a re-acquired lease does not revive, and spreading N shards needs a fair share.
 */
public final class ShardLeases implements Leadership, AutoCloseable {

    public static final String SHARD_PREFIX = "gitops-shard-";
    public static final String MEMBER_PREFIX = "gitops-controller-";
    /** Label on every lease of ours: {@code shard} or {@code controller}. */
    public static final String KIND_LABEL = "gitops.jenkins.io/lease";
    public static final String SHARDS_ANNOTATION = "gitops.jenkins.io/shards";
    public static final String SHARDING_ANNOTATION = "gitops.jenkins.io/sharding";

    private final KubernetesClient client;
    private final ShardSettings settings;
    private final EngineLog log;
    private final Clock clock;
    private final LongSupplier nanos;
    private final Shard[] shards;
    private final Map<String, Observation> members = new HashMap<>();
    private final List<IntConsumer> acquiredListeners = new CopyOnWriteArrayList<>();
    private volatile IntPredicate busy = k -> false;
    private volatile int liveControllers = 1;
    private ScheduledExecutorService loop;
    private volatile boolean closed;
    private String memberProblem;
    private final OperationLeases handover;

    /** What was last seen of a lease, and when (this controller's monotonic clock). */
    private record Observation(String holder, String resourceVersion, int durationSeconds, long seenAt) {
    }

    private final class Shard {
        final int index;
        final String name;
        volatile boolean held;
        /** Incremented on every acquisition: a fence from an earlier term stays closed. */
        volatile long term;
        /** Writing is allowed until then (nanos): the start of the last successful renewal + renew deadline. */
        volatile long validUntil;
        volatile Observation observed;
        volatile String problem;

        Shard(int index) {
            this.index = index;
            this.name = SHARD_PREFIX + index;
        }

        boolean valid(long term) {
            return held && this.term == term && nanos.getAsLong() - validUntil < 0;
        }
    }

    public ShardLeases(KubernetesClient client, ShardSettings settings, EngineLog log) {
        this(client, settings, log, Clock.systemUTC(), System::nanoTime);
    }

    /** With a wall clock for the lease timestamps and a monotonic clock for expiry (tests control both). */
    public ShardLeases(KubernetesClient client, ShardSettings settings, EngineLog log, Clock clock, LongSupplier nanos) {
        this.client = client;
        this.settings = settings;
        this.log = log;
        this.clock = clock;
        this.nanos = nanos;
        this.shards = new Shard[settings.shards()];
        this.handover = new OperationLeases(client, settings.namespace(), settings.identity(), log, clock);
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(i);
        }
    }

    public ShardSettings settings() {
        return settings;
    }

    /** Starts the election loop (one round at once, then every retry period). */
    public synchronized ShardLeases start() {
        if (loop == null) {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gitops-leases");
                t.setDaemon(true);
                return t;
            });
            loop.scheduleWithFixedDelay(this::roundQuietly, 0, settings.timing().retryPeriod().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("leases: round failed: " + e.getMessage());
        }
    }

    // --- Leadership ----------------------------------------------------------------------------------------------

    @Override
    public ShardHolder holder(Application app) {
        Shard s = shards[settings.sharding().shardOf(app, shards.length)];
        if (s.valid(s.term)) {
            return new ShardHolder(s.index, shards.length, settings.identity(), true);
        }
        Observation o = s.observed;
        String holder = o == null || o.holder() == null || o.holder().isEmpty() || expired(o) ? null : o.holder();
        return new ShardHolder(s.index, shards.length, settings.identity().equals(holder) ? null : holder, false);
    }

    @Override
    public WriteFence fence(Application app) {
        Shard s = shards[settings.sharding().shardOf(app, shards.length)];
        long term = s.term;
        boolean validAtStart = s.valid(term);
        return new WriteFence() {
            private volatile String lost = validAtStart ? null : lostMessage(s);

            @Override
            public Optional<String> lost() {
                if (lost == null && !s.valid(term)) {
                    lost = lostMessage(s);
                }
                return Optional.ofNullable(lost);
            }
        };
    }

    @Override
    public io.jenkins.plugins.gitops.engine.reconcile.OperationHandover handover() {
        return handover;
    }

    @Override
    public void onAcquired(IntConsumer acquired) {
        acquiredListeners.add(acquired);
    }

    @Override
    public void busyShards(IntPredicate value) {
        this.busy = value;
    }

    /** Whether this controller holds shard {@code k} now (and may write for it). */
    public boolean holds(int k) {
        return shards[k].valid(shards[k].term);
    }

    /** The shards this controller holds now. */
    public List<Integer> held() {
        List<Integer> out = new ArrayList<>();
        for (Shard s : shards) {
            if (s.valid(s.term)) {
                out.add(s.index);
            }
        }
        return out;
    }

    /** How many controllers of the group were alive at the last round (this one included). */
    public int liveControllers() {
        return liveControllers;
    }

    /** "lost leadership of shard 2 to ctl-b": names the new holder, reading the lease once when not known yet. */
    private String lostMessage(Shard s) {
        String holder = otherHolder(s.observed);
        if (holder == null) {
            try {
                Lease l = leases().withName(s.name).get();
                holder = l == null || l.getSpec() == null ? null : otherHolder(new Observation(
                        l.getSpec().getHolderIdentity(), "", 0, 0));
            } catch (KubernetesClientException e) {
                holder = null;
            }
        }
        return "lost leadership of shard " + s.index + " to " + (holder == null
                ? "no controller yet (the lease was not renewed within the renew deadline of "
                        + settings.timing().renewDeadline().toMillis() / 1000.0 + "s)"
                : holder);
    }

    private String otherHolder(Observation o) {
        return o == null || o.holder() == null || o.holder().isEmpty() || o.holder().equals(settings.identity())
                ? null : o.holder();
    }

    // --- one round -----------------------------------------------------------------------------------------------

    /** One pass of the election: membership, renewals, acquisitions, balancing. Tests call it directly. */
    public synchronized void round() {
        if (closed) {
            return;
        }
        Map<String, Lease> current = new HashMap<>();
        try {
            // one request reads every lease of the group: the round stays short on a slow API server
            leases().withLabel(KIND_LABEL).list().getItems().forEach(l -> current.put(l.getMetadata().getName(), l));
        } catch (KubernetesClientException e) {
            log.warn("leases: cannot list the leases in " + settings.namespace() + ": " + e.getMessage());
            return;
        }
        long seen = nanos.getAsLong();
        // the shards held first: their renewals are the ones with a deadline
        List<Shard> order = new ArrayList<>();
        int start = Math.floorMod(Sharding.fnv32a(settings.identity()), shards.length);
        for (int i = 0; i < shards.length; i++) {
            Shard s = shards[(start + i) % shards.length];
            if (s.held) {
                order.add(0, s);
            } else {
                order.add(s);
            }
        }
        int live = countLiveControllers(current, seen);
        liveControllers = live;
        int fairShare = (shards.length + live - 1) / live;
        for (Shard s : order) {
            try {
                tryAcquireOrRenew(s, current.get(s.name), seen, fairShare);
            } catch (KubernetesClientException e) {
                problem(s, "lease " + s.name + ": " + e.getMessage());
            }
        }
        renewMembership(current.get(memberLeaseName(settings.identity())));
        List<Integer> held = held();
        if (held.size() > fairShare) {
            for (int k = held.size() - 1; k >= 0; k--) {
                Shard s = shards[held.get(k)];
                if (!busy.test(s.index)) {
                    log.info("leases: giving shard " + s.index + " back (" + held.size() + " held, fair share "
                            + fairShare + " of " + live + " controllers)");
                    release(s);
                    break;
                }
            }
        }
    }

    private void tryAcquireOrRenew(Shard s, Lease lease, long seen, int fairShare) {
        if (lease == null) {
            if (held().size() >= fairShare) {
                return;
            }
            long start = nanos.getAsLong();
            try {
                Lease created = leases().resource(newLease(s, null)).create();
                acquired(s, start, created, true);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // another controller created it first: we see who next round
            }
            return;
        }
        observe(s, lease, seen);
        long start = nanos.getAsLong();
        LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
        String holder = spec.getHolderIdentity();
        boolean mine = settings.identity().equals(holder);
        if (!mine) {
            if (s.held) {
                s.held = false;
                log.warn("leases: lost leadership of shard " + s.index + " to " + holder);
            }
            Observation o = s.observed;
            if (holder != null && !holder.isEmpty() && !expired(o)) {
                String theirs = annotation(lease, SHARDS_ANNOTATION);
                if (theirs != null && !theirs.equals(String.valueOf(shards.length))) {
                    problem(s, "controller " + holder + " runs with " + theirs + " shards, this one with "
                            + shards.length + ": every controller of a group needs the same --shards");
                }
                return;
            }
            boolean longFree = holder == null || holder.isEmpty()
                    || start - o.seenAt() > seconds(o.durationSeconds()) + 2 * settings.timing().retryPeriod().toNanos();
            if (held().size() >= fairShare && !longFree) {
                return; // others below their share take it first; nobody leaves it free for long
            }
        }
        boolean newTerm = !mine || !s.held || start - s.validUntil >= 0;
        Lease update = newLease(s, mine ? spec : null);
        int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
        update.getSpec().setLeaseTransitions(mine ? transitions : transitions + 1);
        update.getMetadata().setResourceVersion(lease.getMetadata().getResourceVersion());
        try {
            Lease written = leases().resource(update).update();
            acquired(s, start, written, newTerm);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // another controller wrote first: we see who next round
        }
    }

    private void acquired(Shard s, long start, Lease written, boolean newTerm) {
        s.observed = new Observation(settings.identity(), written.getMetadata().getResourceVersion(),
                settings.timing().leaseSeconds(), start);
        s.validUntil = start + settings.timing().renewDeadline().toNanos();
        s.problem = null;
        if (newTerm || !s.held) {
            s.term++;
            s.held = true;
            log.info("leases: acquired shard " + s.index + " of " + shards.length + " (term " + s.term + ")");
            acquiredListeners.forEach(l -> {
                try {
                    l.accept(s.index);
                } catch (RuntimeException e) {
                    log.warn("leases: listener failed: " + e.getMessage());
                }
            });
        }
    }

    private void observe(Shard s, Lease lease, long now) {
        Observation old = s.observed;
        String rv = lease.getMetadata().getResourceVersion();
        if (old == null || !Objects.equals(old.resourceVersion(), rv)) {
            LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
            s.observed = new Observation(spec.getHolderIdentity(), rv,
                    spec.getLeaseDurationSeconds() == null ? settings.timing().leaseSeconds()
                            : spec.getLeaseDurationSeconds(), now);
        }
    }

    private boolean expired(Observation o) {
        return nanos.getAsLong() - o.seenAt() > seconds(o.durationSeconds());
    }

    private static long seconds(int s) {
        return TimeUnit.SECONDS.toNanos(s);
    }

    private Lease newLease(Shard s, LeaseSpec keep) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(SHARDS_ANNOTATION, String.valueOf(shards.length));
        annotations.put(SHARDING_ANNOTATION, settings.sharding().id());
        LeaseSpec spec = new LeaseSpec();
        spec.setHolderIdentity(settings.identity());
        spec.setLeaseDurationSeconds(settings.timing().leaseSeconds());
        spec.setAcquireTime(keep == null ? now : keep.getAcquireTime());
        spec.setRenewTime(now);
        spec.setLeaseTransitions(0);
        Lease l = new Lease();
        l.setMetadata(new ObjectMetaBuilder().withName(s.name).withNamespace(settings.namespace())
                .withLabels(Map.of(KIND_LABEL, "shard")).withAnnotations(annotations).build());
        l.setSpec(spec);
        return l;
    }

    private static String annotation(Lease l, String key) {
        return l.getMetadata().getAnnotations() == null ? null : l.getMetadata().getAnnotations().get(key);
    }

    private void problem(Shard s, String message) {
        if (!message.equals(s.problem)) {
            s.problem = message;
            log.warn("leases: " + message);
        }
    }

    /** Gives a shard back at once (as client-go's ReleaseOnCancel): holder cleared, others take it next round. */
    private void release(Shard s) {
        s.held = false;
        s.term++;
        try {
            Lease lease = leases().withName(s.name).get();
            if (lease != null && lease.getSpec() != null && settings.identity().equals(lease.getSpec().getHolderIdentity())) {
                lease.getSpec().setHolderIdentity(null);
                lease.getSpec().setLeaseDurationSeconds(1);
                lease.getSpec().setRenewTime(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)));
                Lease written = leases().resource(lease).update();
                s.observed = new Observation(null, written.getMetadata().getResourceVersion(), 1, nanos.getAsLong());
            }
        } catch (KubernetesClientException e) {
            log.warn("leases: could not release shard " + s.index + ": " + e.getMessage()
                    + " (it expires after the lease duration)");
        }
    }

    // --- membership ----------------------------------------------------------------------------------------------

    /** The name of a controller's membership lease: a DNS label from a hash of its identity. */
    static String memberLeaseName(String identity) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return MEMBER_PREFIX + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void renewMembership(Lease current) {
        String name = memberLeaseName(settings.identity());
        try {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
            if (current == null) {
                LeaseSpec spec = new LeaseSpec();
                spec.setHolderIdentity(settings.identity());
                spec.setLeaseDurationSeconds(settings.timing().leaseSeconds());
                spec.setAcquireTime(now);
                spec.setRenewTime(now);
                Lease l = new Lease();
                l.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(settings.namespace())
                        .withLabels(Map.of(KIND_LABEL, "controller")).build());
                l.setSpec(spec);
                leases().resource(l).create();
            } else {
                current.getSpec().setHolderIdentity(settings.identity());
                current.getSpec().setRenewTime(now);
                current.getSpec().setLeaseDurationSeconds(settings.timing().leaseSeconds());
                leases().resource(current).update();
            }
            memberProblem = null;
        } catch (KubernetesClientException e) {
            String message = "leases: membership lease " + name + " in " + settings.namespace() + ": "
                    + e.getMessage();
            if (!message.equals(memberProblem)) {
                memberProblem = message;
                log.warn(message);
            }
        }
    }

    private int countLiveControllers(Map<String, Lease> current, long now) {
        int live = 0;
        boolean me = false;
        for (Lease l : current.values()) {
            if (!"controller".equals(l.getMetadata().getLabels().get(KIND_LABEL))) {
                continue;
            }
            String name = l.getMetadata().getName();
            Observation old = members.get(name);
            String rv = l.getMetadata().getResourceVersion();
            LeaseSpec spec = l.getSpec() == null ? new LeaseSpec() : l.getSpec();
            Observation o = old != null && old.resourceVersion().equals(rv) ? old
                    : new Observation(spec.getHolderIdentity(), rv, spec.getLeaseDurationSeconds() == null
                            ? settings.timing().leaseSeconds() : spec.getLeaseDurationSeconds(), now);
            members.put(name, o);
            boolean self = settings.identity().equals(o.holder());
            me |= self;
            if (self || (o.holder() != null && !expired(o))) {
                live++;
            }
        }
        members.keySet().retainAll(current.keySet());
        return Math.max(1, me ? live : live + 1);
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<Lease, io.fabric8.kubernetes.api.model.coordination.v1.LeaseList,
            io.fabric8.kubernetes.client.dsl.Resource<Lease>> leases() {
        return client.resources(Lease.class, io.fabric8.kubernetes.api.model.coordination.v1.LeaseList.class)
                .inNamespace(settings.namespace());
    }

    /** Stops the loop and gives every held shard back (others take it over in their next round). */
    @Override
    public synchronized void close() {
        closed = true;
        if (loop != null) {
            loop.shutdownNow();
        }
        for (Shard s : shards) {
            if (s.held) {
                release(s);
            }
        }
        try {
            leases().withName(memberLeaseName(settings.identity())).delete();
        } catch (KubernetesClientException e) {
            log.warn("leases: could not delete the membership lease: " + e.getMessage());
        }
    }
}
