package io.jenkins.plugins.gitops.engine.reconcile.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.diff.ResourceDiff;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.reconcile.DriftEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The drift events of one application, newest first, keeping the last {@code limit} (100 by default).
 *
 * <p>A drift <em>episode</em> of a resource lasts from its first drift event until the resource is Synced again
 * (reverted by self-heal, fixed by hand, or Git caught up). Within an episode, an event identical to the episode's
 * previous one - same resource, same set of fields, same {@code changedBy} - is the same drift seen again by the
 * next refresh and is not recorded twice; a different one (another field drifted, another person) is recorded and
 * becomes the one later events are compared with. Once the episode ends, the same drift is news again.
 *
 * <p>Persisted as JSON document {@value #DOCUMENT} of a {@link StateStore}: the events and the open episodes, so that
 * de-duplication survives a restart. Thread-safe.
 */
public final class DriftLog {

    /** The StateStore document name. */
    public static final String DOCUMENT = "drift";
    public static final int DEFAULT_LIMIT = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final int limit;
    /** Newest first. */
    private final List<DriftEvent> events = new ArrayList<>();
    /** Resources in a drift episode, with the episode's latest recorded event. */
    private final Map<ResourceKey, DriftEvent> open = new LinkedHashMap<>();

    /** An empty log keeping {@value #DEFAULT_LIMIT} events. */
    public DriftLog() {
        this(DEFAULT_LIMIT);
    }

    /** @throws IllegalArgumentException when {@code limit} is below 1 */
    public DriftLog(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("drift log limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** The events, newest first. */
    public synchronized List<DriftEvent> events() {
        return List.copyOf(events);
    }

    /** Resources whose drift episode is still open (drifted and not Synced since), in the order they began. */
    public synchronized Set<ResourceKey> openEpisodes() {
        return Set.copyOf(open.keySet());
    }

    /**
     * Records one refresh: first ends the episode of every resource that is not OutOfSync in {@code refresh}, then
     * {@link #record(List) records} the events detected in it.
     *
     * @return the events actually added (not seen before in their episode), in the order given
     */
    public synchronized List<DriftEvent> refreshed(DiffResult refresh, List<DriftEvent> detected) {
        Set<ResourceKey> stillOutOfSync = new HashSet<>();
        refresh.outOfSync().stream().map(ResourceDiff::key).forEach(stillOutOfSync::add);
        synced(open.keySet().stream().filter(k -> !stillOutOfSync.contains(k)).toList());
        return record(detected);
    }

    /** Ends the drift episodes of resources that are Synced again. */
    public synchronized void synced(Collection<ResourceKey> resources) {
        resources.forEach(open::remove);
    }

    /**
     * Adds events in front (one refresh's events keep their given order), skipping each one identical to the
     * previous event of its resource's open episode, and drops the oldest events beyond the limit.
     *
     * @return the events actually added, in the order given
     */
    public synchronized List<DriftEvent> record(List<DriftEvent> detected) {
        List<DriftEvent> added = new ArrayList<>();
        for (DriftEvent e : detected) {
            Objects.requireNonNull(e.resource(), "drift event resource");
            Objects.requireNonNull(e.fields(), "drift event fields");
            DriftEvent previous = open.get(e.resource());
            if (previous == null || !sameDrift(previous, e)) {
                added.add(e);
                open.put(e.resource(), e);
            }
        }
        events.addAll(0, added);
        if (events.size() > limit) {
            events.subList(limit, events.size()).clear();
        }
        return List.copyOf(added);
    }

    private static boolean sameDrift(DriftEvent a, DriftEvent b) {
        return a.resource().equals(b.resource())
                && Set.copyOf(a.fields()).equals(Set.copyOf(b.fields()))
                && Objects.equals(a.changedBy(), b.changedBy());
    }

    /** {@code {"events": [...newest first], "openEpisodes": [...]}}, instants as ISO-8601 text. */
    public synchronized JsonNode toJson() {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.set("events", MAPPER.valueToTree(events));
        doc.set("openEpisodes", MAPPER.valueToTree(new ArrayList<>(open.values())));
        return doc;
    }

    /**
     * Reads a log written by {@link #toJson()}, keeping at most {@code limit} events.
     *
     * @param what names the document in errors, e.g. {@code drift log of guestbook}
     * @throws IllegalArgumentException when the document is not a drift log; the message names {@code what}
     */
    public static DriftLog fromJson(JsonNode doc, int limit, String what) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        DriftLog log = new DriftLog(limit);
        List<DriftEvent> events = read(doc, "events", what);
        List<DriftEvent> open = read(doc, "openEpisodes", what);
        log.events.addAll(events.subList(0, Math.min(limit, events.size())));
        open.forEach(e -> log.open.put(e.resource(), e));
        return log;
    }

    /** The log of {@code app} stored in {@code store}, or an empty one when none was stored. */
    public static DriftLog load(StateStore store, String app, int limit) {
        Optional<JsonNode> doc = store.read(app, DOCUMENT);
        return doc.isEmpty() ? new DriftLog(limit)
                : fromJson(doc.get(), limit, "drift log of " + app + " (document " + DOCUMENT + ")");
    }

    /** Writes this log as document {@value #DOCUMENT} of {@code app}. */
    public void save(StateStore store, String app) {
        store.write(app, DOCUMENT, toJson());
    }

    private static List<DriftEvent> read(JsonNode doc, String field, String what) {
        JsonNode list = doc.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(what + ": " + field + " must be a list");
        }
        List<DriftEvent> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            DriftEvent e;
            try {
                e = MAPPER.treeToValue(list.get(i), DriftEvent.class);
            } catch (JsonProcessingException | IllegalArgumentException ex) {
                String reason = ex instanceof JsonProcessingException j ? j.getOriginalMessage() : ex.getMessage();
                throw new IllegalArgumentException(what + ": " + field + "[" + i + "] is not a drift event: "
                        + reason.lines().findFirst().orElse(""), ex);
            }
            if (e == null || e.resource() == null || e.fields() == null) {
                throw new IllegalArgumentException(what + ": " + field + "[" + i + "] lacks resource or fields");
            }
            out.add(new DriftEvent(e.detectedAt(), e.resource(), List.copyOf(e.fields()), e.changedBy(), e.operation(),
                    e.action()));
        }
        return out;
    }
}
