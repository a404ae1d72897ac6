package io.jenkins.plugins.gitops.engine.appofapps;

import io.jenkins.plugins.gitops.engine.DeleteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a parent's successful sync does to its children, as Argo CD's parent sync does to Application objects:
 * every child in Git is created or updated ({@code changed} says whether it is new or its document changed); a
 * child that left Git is deleted only when the sync prunes ({@link Removal}: with its resources when it has the
 * resources finalizer, its resources left in place otherwise), else it is kept and reported as requiring pruning.
 *
 * @param inGit the children Git holds now (of a selective sync: the selected ones)
 * @param changed the names among them that are new or whose document changed
 * @param removals children that left Git and are pruned
 * @param requirePruning children that left Git and stay, because the sync does not prune
 * @param record what {@link ChildRecord} holds after the plan ran
 */
public record ChildPlan(List<ChildApplication> inGit, List<String> changed, List<Removal> removals,
        List<String> requirePruning, List<ChildRecord.Entry> record) {

    /**
     * A child pruned by the parent; {@code cascade} null means its resources are left in the cluster;
     * {@code document} is its last recorded YAML.
     */
    public record Removal(String name, DeleteRequest.Cascade cascade, String document) {
        public boolean deletesResources() {
            return cascade != null;
        }
    }

    public static ChildPlan of(List<ChildApplication> inGit, List<ChildRecord.Entry> recorded, boolean prune) {
        return of(inGit, recorded, prune, name -> true);
    }

    /**
     * The plan of a selective sync: only the children {@code selected} accepts are created, updated or pruned; the
     * others keep their recorded state (a child in Git that was never registered stays unregistered).
     */
    public static ChildPlan of(List<ChildApplication> inGit, List<ChildRecord.Entry> recorded, boolean prune,
            java.util.function.Predicate<String> selected) {
        Map<String, ChildRecord.Entry> before = recorded.stream()
                .collect(Collectors.toMap(ChildRecord.Entry::name, Function.identity(), (a, b) -> b,
                        java.util.LinkedHashMap::new));
        List<String> changed = new ArrayList<>();
        List<ChildRecord.Entry> record = new ArrayList<>();
        List<ChildApplication> applied = new ArrayList<>();
        for (ChildApplication c : inGit) {
            ChildRecord.Entry old = before.remove(c.name());
            if (!selected.test(c.name())) {
                if (old != null) {
                    record.add(old);
                }
                continue;
            }
            applied.add(c);
            if (old == null || !old.specHash().equals(c.specHash())) {
                changed.add(c.name());
            }
            record.add(new ChildRecord.Entry(c.name(), c.specHash(), c.pruneCascade(), c.document()));
        }
        List<Removal> removals = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (ChildRecord.Entry gone : before.values()) {
            if (prune && selected.test(gone.name())) {
                removals.add(new Removal(gone.name(), gone.pruneCascade(), gone.document()));
            } else {
                kept.add(gone.name());
                record.add(gone);
            }
        }
        return new ChildPlan(List.copyOf(applied), List.copyOf(changed), List.copyOf(removals), List.copyOf(kept),
                List.copyOf(record));
    }
}
