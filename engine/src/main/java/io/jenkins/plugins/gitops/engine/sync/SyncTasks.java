package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The tasks of one sync operation in execution order, and their grouping into {@link SyncStep steps}. Mirrors the tail
 * of gitops-engine's {@code getSyncTasks} and {@code syncTasks.Sort}:
 * <ol>
 *   <li>prune tasks take the mirror image of their wave among the prune waves, so what was created last is deleted
 *       first;</li>
 *   <li>prune tasks with {@code PruneLast=true} move to a wave after every Sync-phase wave;</li>
 *   <li>tasks are sorted by phase, wave, {@link KindOrder kind order}, name;</li>
 *   <li>a Namespace moves ahead of the first task in that namespace, and a CRD ahead of the first custom resource of
 *       its group and kind, each taking over that task's phase and wave.</li>
 * </ol>
 * Immutable.
 */
public final class SyncTasks {

    /** Phase, wave, kind order, name; then kind, namespace and group so that the order is total. */
    public static final Comparator<SyncTask> ORDER = Comparator.comparing(SyncTask::phase)
            .thenComparingInt(SyncTask::wave)
            .thenComparing(SyncTask::kind, KindOrder.COMPARATOR)
            .thenComparing(SyncTask::name)
            .thenComparing(SyncTask::kind)
            .thenComparing(t -> t.key().namespace())
            .thenComparing(t -> t.key().group());

    private static final String CRD_GROUP = "apiextensions.k8s.io";

    private final List<SyncTask> tasks;

    private SyncTasks(List<SyncTask> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    /** Orders the tasks (see the class comment). */
    public static SyncTasks of(Collection<SyncTask> unordered) {
        List<SyncTask> list = pruneLast(reversePruneWaves(new ArrayList<>(unordered)));
        list.sort(ORDER);
        moveAheadOfDependents(list, SyncTasks::namespaceDefined, SyncTasks::namespaceUsed);
        moveAheadOfDependents(list, SyncTasks::crdDefined, SyncTasks::groupKindUsed);
        return new SyncTasks(list);
    }

    /** All tasks in execution order. */
    public List<SyncTask> list() {
        return tasks;
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** PreSync, Sync and PostSync tasks grouped into consecutive (phase, wave) steps, in order. */
    public List<SyncStep> steps() {
        List<SyncStep> steps = new ArrayList<>();
        List<SyncTask> current = new ArrayList<>();
        for (SyncTask task : tasks) {
            if (task.phase() == SyncPhase.SyncFail) {
                continue;
            }
            if (!current.isEmpty() && (current.get(0).phase() != task.phase() || current.get(0).wave() != task.wave())) {
                steps.add(new SyncStep(current.get(0).phase(), current.get(0).wave(), current));
                current.clear();
            }
            current.add(task);
        }
        if (!current.isEmpty()) {
            steps.add(new SyncStep(current.get(0).phase(), current.get(0).wave(), current));
        }
        return List.copyOf(steps);
    }

    /**
     * The SyncFail hooks as one step: gitops-engine starts all of them together once the operation failed
     * ({@code executeSyncFailPhase}). Empty when there are none.
     */
    public Optional<SyncStep> syncFailStep() {
        List<SyncTask> fail = tasks.stream().filter(t -> t.phase() == SyncPhase.SyncFail).toList();
        return fail.isEmpty() ? Optional.empty() : Optional.of(new SyncStep(SyncPhase.SyncFail, fail.get(0).wave(), fail));
    }

    /** Swaps the lowest prune wave with the highest, the second lowest with the second highest, and so on. */
    private static List<SyncTask> reversePruneWaves(List<SyncTask> list) {
        List<Integer> waves = new ArrayList<>(new TreeSet<>(list.stream().filter(SyncTask::isPrune)
                .map(SyncTask::wave).toList()));
        Map<Integer, Integer> mirrored = new HashMap<>();
        for (int i = 0; i < waves.size(); i++) {
            mirrored.put(waves.get(i), waves.get(waves.size() - 1 - i));
        }
        list.replaceAll(t -> t.isPrune() ? t.withWave(mirrored.get(t.wave())) : t);
        return list;
    }

    /** PruneLast prunes go one wave after the last Sync-phase wave (never below 1, as in gitops-engine). */
    private static List<SyncTask> pruneLast(List<SyncTask> list) {
        int lastWave = list.stream().filter(t -> t.phase() == SyncPhase.Sync).mapToInt(SyncTask::wave)
                .max().orElse(0);
        int pruneLastWave = Math.max(lastWave, 0) + 1;
        list.replaceAll(t -> t.isPrune() && t.options().pruneLast() ? t.withWave(pruneLastWave) : t);
        return list;
    }

    /**
     * gitops-engine {@code adjustDeps}: walks the sorted list; a task that defines a dependency found after a task
     * using it is moved right before the first user and takes that user's phase and wave.
     */
    private static void moveAheadOfDependents(List<SyncTask> list, Function<KubeObject, String> defines,
            Function<KubeObject, String> uses) {
        Map<String, Integer> firstUse = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            SyncTask task = list.get(i);
            if (task.target().isEmpty()) {
                continue;
            }
            KubeObject target = task.target().get();
            String defined = defines.apply(target);
            if (defined != null) {
                Integer index = firstUse.get(defined);
                if (index != null) {
                    SyncTask user = list.get(index);
                    list.remove(i);
                    list.add(index, task.withPhaseAndWave(user.phase(), user.wave()));
                    firstUse.replaceAll((key, first) -> first >= index ? first + 1 : first);
                }
            } else {
                String used = uses.apply(target);
                if (used != null) {
                    firstUse.putIfAbsent(used, i);
                }
            }
        }
    }

    private static String namespaceDefined(KubeObject o) {
        return o.group().isEmpty() && o.kind().equals("Namespace") ? o.name() : null;
    }

    private static String namespaceUsed(KubeObject o) {
        return o.namespace().isEmpty() ? null : o.namespace();
    }

    /** {@code spec.group/spec.names.kind} of a CRD; null for other objects and CRDs lacking those fields. */
    static String crdDefined(KubeObject o) {
        if (!o.group().equals(CRD_GROUP) || !o.kind().equals("CustomResourceDefinition")) {
            return null;
        }
        String group = o.at("/spec/group").asText("");
        String kind = o.at("/spec/names/kind").asText("");
        return group.isEmpty() || kind.isEmpty() ? null : group + "/" + kind;
    }

    static String groupKindUsed(KubeObject o) {
        return o.group() + "/" + o.kind();
    }

    @Override
    public String toString() {
        return tasks.toString();
    }
}
