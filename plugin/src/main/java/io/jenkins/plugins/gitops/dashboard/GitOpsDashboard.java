package io.jenkins.plugins.gitops.dashboard;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.RootAction;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * The GitOps page at {@code /gitops}: listed in the side panel for users with Overall/Read; shows only the
 * applications whose owning job the user may read. {@code /gitops/app/<name>/} is an application's page.
 */
@Extension
public class GitOpsDashboard implements RootAction {

    static final String ICON = "symbol-git-branch-outline plugin-ionicons-api";

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? ICON : null;
    }

    @Override
    public String getDisplayName() {
        return "GitOps";
    }

    @Override
    public String getUrlName() {
        return "gitops";
    }

    /** Applications the current user may read, sorted by name. */
    public List<ApplicationRow> getApplications() {
        Jenkins.get().checkPermission(Jenkins.READ);
        Instant now = Instant.now();
        List<ApplicationRow> rows = new ArrayList<>();
        for (AppStatus s : GitOpsService.get().runtime().controller().statuses()) {
            Job<?, ?> owner = readableOwner(s);
            if (owner != null) {
                rows.add(ApplicationRow.of(s, now).withOwnerUrl(owner.getUrl()));
            }
        }
        return rows;
    }

    /** Stapler binds {@code /gitops/app/<name>} here; null (404) for unknown or unreadable applications. */
    public ApplicationPage getApp(String name) {
        Jenkins.get().checkPermission(Jenkins.READ);
        Optional<AppStatus> status = GitOpsService.get().runtime().controller().status(name);
        if (status.isEmpty()) {
            return null;
        }
        Job<?, ?> owner = readableOwner(status.get());
        return owner == null ? null : new ApplicationPage(status.get(), owner);
    }

    /** Configuration problems, shown to administrators only. */
    public List<String> getProblems() {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return List.of();
        }
        return GitOpsService.get().runtime().problems();
    }

    /** The owning job if the current user may read it (getItemByFullName already hides unreadable items). */
    static Job<?, ?> readableOwner(AppStatus s) {
        if (s.owner() == null) {
            return null;
        }
        Job<?, ?> job = Jenkins.get().getItemByFullName(s.owner(), Job.class);
        return job != null && job.hasPermission(Item.READ) ? job : null;
    }
}
