package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The application page's sync dialog, as submitted: Argo CD's sync panel options turned into a {@link SyncRequest}.
 * Checkboxes {@code prune}, {@code dryRun}, {@code applyOutOfSyncOnly}, {@code force}, {@code replace} (present with
 * value {@code true} when ticked), a {@code revision} override (blank: the Application's) and the ids
 * ({@link ResourceGraph#id}) of the selected {@code resource}s (none: all). Force and Replace become the
 * operation's {@code Force=true} / {@code Replace=true} sync options, ApplyOutOfSyncOnly its option of that name.
 */
public record SyncForm(boolean prune, boolean dryRun, boolean applyOutOfSyncOnly, boolean force, boolean replace,
        String revision, List<String> resources) {

    public SyncForm {
        revision = revision == null ? "" : revision.trim();
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public static SyncForm of(Function<String, String> parameter, String[] resources) {
        return new SyncForm(ticked(parameter.apply("prune")), ticked(parameter.apply("dryRun")),
                ticked(parameter.apply("applyOutOfSyncOnly")), ticked(parameter.apply("force")),
                ticked(parameter.apply("replace")), parameter.apply("revision"),
                resources == null ? List.of() : List.of(resources));
    }

    private static boolean ticked(String value) {
        return "true".equals(value) || "on".equals(value);
    }

    /**
     * The request this form asks for.
     *
     * @throws IllegalArgumentException naming the resource id that is not {@code group/kind/namespace/name}
     */
    public SyncRequest toRequest(String initiatedBy) {
        List<ResourceKey> keys = new ArrayList<>();
        for (String id : resources) {
            keys.add(ResourceGraph.parseId(id));
        }
        List<String> options = new ArrayList<>();
        if (applyOutOfSyncOnly) {
            options.add("ApplyOutOfSyncOnly=true");
        }
        if (replace) {
            options.add("Replace=true");
        }
        if (force) {
            options.add("Force=true");
        }
        return SyncRequest.manual(initiatedBy).withPrune(prune).withDryRun(dryRun)
                .withRevision(revision.isEmpty() ? null : revision).withResources(keys).withSyncOptions(options);
    }
}
