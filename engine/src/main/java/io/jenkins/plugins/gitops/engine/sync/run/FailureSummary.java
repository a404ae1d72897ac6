package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The failures of a sync in as few words as possible: resources of one kind that failed for the same reason are one
 * sentence with the count and the names, not the same sentence once per resource. Fourteen {@code Application} objects
 * whose CRD is missing read
 * <pre>
 * 14 resources of kind argoproj.io/Application (argocd/a, argocd/b, ...) cannot be applied: cluster https://... does
 * not serve argoproj.io/v1alpha1 Application; is the CustomResourceDefinition installed?
 * </pre>
 * A group of more than {@value #NAMED} resources names the first {@value #NAMED} and counts the rest ("and 480 more").
 * "The same reason" means the same message once the resource's own name is taken out of it, so an error that names
 * each object ({@code server-side apply apps/Deployment shop/web on cluster ... failed: ...}) groups too.
 */
final class FailureSummary {

    /** How many names a grouped sentence lists: 500 Deployments in a missing namespace are one readable line. */
    static final int NAMED = 20;

    /** Failures of one kind with one reason, in the order they were first reported. */
    record Group(String kind, String reason, List<TaskResult> results) {

        boolean single() {
            return results.size() == 1;
        }

        /** The original message for one failure, the grouped sentence for several. */
        String describe() {
            if (single()) {
                return results.get(0).message();
            }
            return results.size() + " resources of kind " + kind + " (" + names() + ") cannot be applied: " + reason;
        }

        /** The first {@value #NAMED} names; the rest as a count (each result still names its own resource). */
        private String names() {
            List<String> names = new ArrayList<>();
            results.stream().limit(NAMED).forEach(r -> names.add(r.key().namespace().isEmpty() ? r.key().name()
                    : r.key().namespace() + "/" + r.key().name()));
            String named = String.join(", ", names);
            return results.size() > NAMED ? named + " and " + (results.size() - NAMED) + " more" : named;
        }
    }

    private FailureSummary() {}

    static List<Group> groups(List<TaskResult> failures) {
        Map<List<String>, List<TaskResult>> byReason = new LinkedHashMap<>();
        for (TaskResult r : failures) {
            byReason.computeIfAbsent(List.of(kind(r.key()), reason(r)), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        byReason.forEach((k, results) -> out.add(new Group(k.get(0), k.get(1), List.copyOf(results))));
        return out;
    }

    /** One sentence per group, joined by {@code "; "}. */
    static String describe(List<TaskResult> failures) {
        List<String> parts = new ArrayList<>();
        groups(failures).forEach(g -> parts.add(g.describe()));
        return String.join("; ", parts);
    }

    /** The results that share their sentence with others (their own progress line would repeat it). */
    static List<TaskResult> grouped(List<TaskResult> failures) {
        return groups(failures).stream().filter(g -> !g.single()).flatMap(g -> g.results().stream()).toList();
    }

    private static String kind(ResourceKey key) {
        return key.group().isEmpty() ? key.kind() : key.group() + "/" + key.kind();
    }

    /** The message without the resource's own name in it. */
    private static String reason(TaskResult r) {
        return r.message().replace(" " + r.key(), "");
    }
}
