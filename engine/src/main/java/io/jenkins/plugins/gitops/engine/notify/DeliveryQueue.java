package io.jenkins.plugins.gitops.engine.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers notifications off the controller's threads: each on its own schedule, retried with exponential backoff
 * ({@link DeliveryPolicy}), so a slow or failing service never delays a refresh or a sync. Every delivery has one
 * line in its application's log ({@link DeliveryRecord}), updated as it is retried, sent or given up; the log is
 * kept in the state store (document {@value #DOCUMENT}, newest last, at most {@code logLimit} lines) with secret
 * values masked.
 */
public final class DeliveryQueue implements AutoCloseable {

    static final String DOCUMENT = "notification-log";
    static final String MASK = "******";

    private final Map<String, Sender> senders;
    private final DeliveryPolicy policy;
    private final StateStore store;
    private final Clock clock;
    private final EngineLog log;
    private final ScheduledExecutorService pool;
    private final Map<String, LinkedHashMap<Long, DeliveryRecord>> logs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();

    public DeliveryQueue(Map<String, Sender> senders, DeliveryPolicy policy, StateStore store, Clock clock,
            EngineLog log) {
        this.senders = Map.copyOf(senders);
        this.policy = policy;
        this.store = store;
        this.clock = clock;
        this.log = log;
        this.pool = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "gitops-notifications");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a delivery; returns at once. {@code secrets} are masked in everything recorded. */
    public void submit(Notification n, List<String> secrets) {
        long id = ids.incrementAndGet();
        pending.incrementAndGet();
        schedule(() -> attempt(id, n, secrets, 1), Duration.ZERO);
    }

    /** Records a failure that happened before sending (unknown service in an annotation, a template error). */
    public void reject(String app, String trigger, String template, String service, String recipient, String message,
            List<String> secrets) {
        record(app, ids.incrementAndGet(), new DeliveryRecord(clock.instant(), trigger, template, service, recipient,
                DeliveryRecord.FAILED, 0, mask(message, secrets)));
    }

    /** The application's delivery log, oldest first. */
    public List<DeliveryRecord> records(String app) {
        synchronized (logs) {
            return List.copyOf(load(app).values());
        }
    }

    public void forget(String app) {
        synchronized (logs) {
            logs.remove(app);
        }
    }

    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pending.get() == 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return pending.get() == 0;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private void schedule(Runnable r, Duration delay) {
        try {
            pool.schedule(r, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            pending.decrementAndGet();
        }
    }

    private void attempt(long id, Notification n, List<String> secrets, int attempt) {
        String where = n.service().name() + (n.recipient().isEmpty() ? "" : ":" + n.recipient());
        try {
            Sender sender = senders.get(n.service().type());
            if (sender == null) {
                throw new Sender.Permanent("no sender for service type " + n.service().type());
            }
            sender.send(n);
            record(n.app(), id, row(n, DeliveryRecord.SENT, attempt, ""));
            log.info(n.app() + ": notification " + n.trigger() + " sent to " + mask(where, secrets));
            pending.decrementAndGet();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String reason = mask(e.getMessage() == null ? e.toString() : e.getMessage(), secrets);
            boolean retry = !(e instanceof Sender.Permanent) && attempt < policy.attempts();
            record(n.app(), id, row(n, retry ? DeliveryRecord.RETRYING : DeliveryRecord.FAILED, attempt, reason));
            log.warn(n.app() + ": notification " + n.trigger() + " to " + mask(where, secrets) + " failed (attempt "
                    + attempt + (retry ? ", retrying" : ", giving up") + "): " + reason);
            if (retry) {
                schedule(() -> attempt(id, n, secrets, attempt + 1), policy.backoff(attempt));
            } else {
                pending.decrementAndGet();
            }
        }
    }

    private DeliveryRecord row(Notification n, String outcome, int attempts, String message) {
        return new DeliveryRecord(clock.instant(), n.trigger(), n.template(), n.service().name(), n.recipient(),
                outcome, attempts, message);
    }

    private void record(String app, long id, DeliveryRecord r) {
        synchronized (logs) {
            LinkedHashMap<Long, DeliveryRecord> l = load(app);
            l.put(id, r);
            while (l.size() > policy.logLimit()) {
                l.remove(l.keySet().iterator().next());
            }
            try {
                ArrayNode arr = Yaml.JSON.createArrayNode();
                l.values().forEach(x -> arr.add(x.toJson()));
                store.write(app, DOCUMENT, arr);
            } catch (RuntimeException e) {
                log.warn(app + ": could not save the notification log: " + e.getMessage());
            }
        }
    }

    private LinkedHashMap<Long, DeliveryRecord> load(String app) {
        return logs.computeIfAbsent(app, a -> {
            LinkedHashMap<Long, DeliveryRecord> l = new LinkedHashMap<>();
            store.read(a, DOCUMENT).filter(JsonNode::isArray).ifPresent(arr -> {
                for (JsonNode r : (ArrayNode) arr) {
                    try {
                        l.put(ids.incrementAndGet(), DeliveryRecord.fromJson(r));
                    } catch (Exception e) {
                        // a line from an older format: dropped
                    }
                }
            });
            return l;
        });
    }

    static String mask(String text, List<String> secrets) {
        String out = text == null ? "" : text;
        for (String s : secrets) {
            if (s != null && s.length() >= 3) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
