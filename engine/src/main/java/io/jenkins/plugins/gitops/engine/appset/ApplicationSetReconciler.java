package io.jenkins.plugins.gitops.engine.appset;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.appset.AppSetAction.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what happens to an ApplicationSet's Applications, without doing it: compares the applications the set
 * currently owns with what it generates now and applies the set's {@link ApplicationsSyncPolicy}. New names are
 * created; changed ones updated if the policy allows; owned ones no longer generated deleted if the policy allows,
 * carrying {@code preserveResourcesOnDeletion}. Applications are compared by content, not by the file they were
 * read from. Actions come out in a stable order: creates and updates in generation order, then deletions by name.
 */
public final class ApplicationSetReconciler {

    private ApplicationSetReconciler() {}

    /** Reconciles with the set's own policy and preserve flag. */
    public static List<AppSetAction> reconcile(ApplicationSet set, Collection<Application> owned, Generated desired) {
        if (!desired.applicationSet().equals(set.name())) {
            throw new IllegalArgumentException("generated applications belong to ApplicationSet '"
                    + desired.applicationSet() + "', not '" + set.name() + "'");
        }
        return reconcile(ApplicationsSyncPolicy.of(set.applicationsSyncPolicy()), set.preserveResourcesOnDeletion(),
                owned, desired.list());
    }

    /**
     * @param owned the applications this set generated before (and still owns)
     * @param desired the applications it generates now
     */
    public static List<AppSetAction> reconcile(ApplicationsSyncPolicy policy, boolean preserveResourcesOnDeletion,
            Collection<Application> owned, List<Application> desired) {
        Map<String, Application> current = new LinkedHashMap<>();
        owned.forEach(a -> current.put(a.name(), a));
        List<AppSetAction> out = new ArrayList<>();
        for (Application want : desired) {
            Application have = current.remove(want.name());
            if (have == null) {
                out.add(new AppSetAction(Type.CREATE, want.name(), want, null, false,
                        "application '" + want.name() + "' is new"));
            } else if (!sameContent(have, want)) {
                out.add(policy.allowsUpdate()
                        ? new AppSetAction(Type.UPDATE, want.name(), want, have, false,
                                "application '" + want.name() + "' changed")
                        : new AppSetAction(Type.SKIPPED_UPDATE, want.name(), want, have, false,
                                "application '" + want.name() + "' changed, but policy " + policy.yaml()
                                        + " does not update applications"));
            }
        }
        current.values().stream().sorted(java.util.Comparator.comparing(Application::name)).forEach(gone -> out.add(
                policy.allowsDelete()
                        ? new AppSetAction(Type.DELETE, gone.name(), null, gone, preserveResourcesOnDeletion,
                                "application '" + gone.name() + "' is no longer generated"
                                        + (preserveResourcesOnDeletion ? "; its resources are preserved" : ""))
                        : new AppSetAction(Type.SKIPPED_DELETE, gone.name(), null, gone, false,
                                "application '" + gone.name() + "' is no longer generated, but policy "
                                        + policy.yaml() + " does not delete applications")));
        return out;
    }

    /** Equal apart from where each was read from. */
    static boolean sameContent(Application a, Application b) {
        return withoutFile(a).equals(withoutFile(b));
    }

    private static Application withoutFile(Application a) {
        return new Application(a.name(), a.namespace(), a.project(), a.labels(), a.annotations(), a.sources(),
                a.multiSource(), a.destination(), a.syncPolicy(), a.ignoreDifferences(), a.revisionHistoryLimit(), "");
    }
}
