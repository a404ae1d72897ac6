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
import io.jenkins.plugins.gitops.engine.view.AppListing;
import io.jenkins.plugins.gitops.engine.view.StatusGlyphs;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;

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

    /**
     * The applications the user may read after the page's filters and sort (query parameters {@code health},
     * {@code sync}, {@code project}, {@code cluster}, {@code namespace}, {@code owner}, {@code q}, {@code sort},
     * {@code view}), with counts by health and sync status.
     */
    public AppListing getListing() {
        Jenkins.get().checkPermission(Jenkins.READ);
        StaplerRequest2 req = Stapler.getCurrentRequest2();
        List<AppStatus> readable = new ArrayList<>();
        for (AppStatus s : GitOpsService.get().runtime().controller().statuses()) {
            if (readableOwner(s) != null) {
                readable.add(s);
            }
        }
        return AppListing.of(readable, AppListing.Filter.of(name -> req == null ? null : req.getParameter(name)));
    }

    /** The rows of a listing's applications, in its order. */
    public List<ApplicationRow> rows(AppListing listing) {
        Instant now = Instant.now();
        List<ApplicationRow> rows = new ArrayList<>();
        for (AppStatus s : listing.getApplications()) {
            Job<?, ?> owner = readableOwner(s);
            if (owner != null) {
                rows.add(ApplicationRow.of(s, now).withOwnerUrl(owner.getUrl()));
            }
        }
        return rows;
    }

    /** The filters with a menu of the values present, in page order. */
    public List<String> getFilterDimensions() {
        return List.of("project", "cluster", "namespace", "owner");
    }

    /** The sort orders offered. */
    public List<AppListing.Sort> getSorts() {
        return List.of(AppListing.Sort.values());
    }

    /** Health statuses, best first, for the filter menu. */
    public List<String> getHealthValues() {
        return java.util.Arrays.stream(io.jenkins.plugins.gitops.engine.health.HealthStatus.values()).map(Enum::name)
                .toList();
    }

    public List<String> getSyncValues() {
        return List.of("Synced", "OutOfSync", "Unknown");
    }

    /** The glyph shown before a status label (so statuses differ in shape too). */
    public String glyph(String status) {
        return StatusGlyphs.of(status);
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

    /** Configuration problems and ApplicationSets that fail to generate, shown to administrators only. */
    public List<String> getProblems() {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>(GitOpsService.get().runtime().problems());
        problems.addAll(GitOpsService.get().applicationSetProblems());
        return problems;
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
