package io.jenkins.plugins.gitops.engine.reconcile.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds who drifted each field of a live object: the {@code metadata.managedFields} entry that owns it.
 *
 * <p>Each entry's {@code fieldsV1} set is walked along the field path in step with the live object: {@code f:<name>}
 * for a field, and for a list element the key that names the live element ({@code k:{"name":"web"}} by its key
 * fields, {@code v:<value>} for a set member, {@code i:<n>} by position). An entry owns the field when its set
 * reaches the end of the path, or stops earlier at an empty node (it owns that ancestor as a unit, as with an atomic
 * list such as {@code args}). Among the owners, in this order of preference:
 * <ol>
 *   <li>our own field manager ({@code gitops-sync}) is ignored unless it is the only owner;</li>
 *   <li>the most specific owner wins (the one whose set reaches deepest);</li>
 *   <li>the latest {@code time} wins (an entry without a time counts as oldest; then the earlier entry).</li>
 * </ol>
 * A field in the cluster that nobody owns is {@link FieldOwner.Kind#UNKNOWN}. A field in Git but absent from the
 * cluster has no owner ({@link FieldOwner.Kind#REMOVED}), except when another manager owns an enclosing field as a
 * unit: a person who shortened an atomic list wrote the whole list, so the list's owner is named.
 * Thread-safe (no state beyond our manager's name).
 */
public final class DriftAttribution {

    private final String ourManager;

    /** Attribution that treats {@link AnnotationNames#FIELD_MANAGER} ({@code gitops-sync}) as our manager. */
    public DriftAttribution() {
        this(AnnotationNames.FIELD_MANAGER);
    }

    /** @param ourManager the field manager our syncs apply with (ignored unless it is a field's only owner) */
    public DriftAttribution(String ourManager) {
        this.ourManager = Objects.requireNonNull(ourManager, "ourManager");
    }

    /**
     * Attributes each path, in the order given.
     *
     * @param live  the live object, with its managedFields; null when it is gone (every path is then removed)
     * @param paths differing field paths as the diff reports them ({@code spec.replicas},
     *              {@code spec.template.spec.containers[name=web].image}, {@code metadata.labels.team})
     * @throws IllegalArgumentException when a path cannot be read; the message names the path and the object
     */
    public List<FieldOwner> attribute(KubeObject live, List<String> paths) {
        List<ManagedFieldsEntry> entries = live == null ? List.of() : ManagedFieldsEntry.of(live.node());
        List<FieldOwner> out = new ArrayList<>(paths.size());
        for (String path : paths) {
            out.add(attribute(live, entries, path));
        }
        return List.copyOf(out);
    }

    /** Attributes one path; see {@link #attribute(KubeObject, List)}. */
    public FieldOwner attribute(KubeObject live, String path) {
        return attribute(live, List.of(path)).get(0);
    }

    private FieldOwner attribute(KubeObject live, List<ManagedFieldsEntry> entries, String path) {
        List<PathStep> steps;
        try {
            steps = PathStep.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + (live == null ? "" : " (" + live.key() + ")"), e);
        }
        if (live == null) {
            return FieldOwner.removed(path);
        }
        if (steps.isEmpty()) {
            return FieldOwner.unknown(path);
        }
        LivePath livePath = LivePath.resolve(live.node(), steps);
        boolean present = livePath.complete();
        int depth = livePath.resolved();
        List<Owner> owners = new ArrayList<>();
        for (ManagedFieldsEntry entry : entries) {
            Reach r = reach(entry.fields(), livePath, depth);
            if (r != null && (present || r.whole && r.depth > 0)) {
                owners.add(new Owner(entry, r.depth));
            }
        }
        if (!present) {
            owners.removeIf(o -> o.entry.manager().equals(ourManager));
        }
        Owner best = best(owners);
        if (best == null) {
            return present ? FieldOwner.unknown(path) : FieldOwner.removed(path);
        }
        ManagedFieldsEntry e = best.entry;
        return new FieldOwner(path, FieldOwner.Kind.MANAGER, e.manager(), e.operation(), e.time(), e.subresource(),
                best.depth == steps.size() ? path : PathStep.prefix(steps, best.depth));
    }

    /** Ours only when alone; then deepest; then latest; then first listed. */
    private Owner best(List<Owner> owners) {
        List<Owner> pool = owners.stream().filter(o -> !o.entry.manager().equals(ourManager)).toList();
        if (pool.isEmpty()) {
            pool = owners;
        }
        Comparator<Owner> preference = Comparator.<Owner>comparingInt(o -> o.depth)
                .thenComparing(o -> o.entry.time(), Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                .thenComparing(o -> -o.entry.position());
        return pool.stream().max(preference).orElse(null);
    }

    /**
     * How far a field set reaches along the first {@code depth} resolved steps: to the end, or to an ancestor it owns
     * as a unit (an empty node); null when it stops short without owning anything on the way.
     */
    private static Reach reach(JsonNode fields, LivePath path, int depth) {
        JsonNode node = fields;
        for (int i = 0; i < depth; i++) {
            if (i > 0 && node.isEmpty()) {
                return new Reach(i, true);
            }
            node = path.fieldsChild(node, i);
            if (node == null) {
                return null;
            }
        }
        return new Reach(depth, node.isEmpty());
    }

    private record Reach(int depth, boolean whole) {}

    private record Owner(ManagedFieldsEntry entry, int depth) {}
}
