package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppListingTest {

    static AppStatus status(String name, String project, String cluster, String namespace, String owner,
            HealthStatus health, SyncStatus sync) {
        Application app = ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: NAME}
                spec:
                  project: PROJECT
                  source: {repoURL: 'https://git.example.com/NAME.git', path: deploy, targetRevision: main}
                  destination: {name: CLUSTER, namespace: NS}
                """.replace("NAME", name).replace("PROJECT", project).replace("CLUSTER", cluster)
                .replace("NS", namespace), name + ".yaml");
        AppComparison c = health == null ? null : new AppComparison(name, "abc", "main", "", "", Instant.EPOCH, sync,
                new Health(health, ""), List.of(), new ResourceTree(List.of()), "", null, Instant.EPOCH);
        return new AppStatus(name, owner, app, c, null, false, List.of(), List.of(), List.of(), "", null, null, null,
                null);
    }

    static final List<AppStatus> APPS = List.of(
            status("web", "shop", "prod", "shop", "team/deploy-web", HealthStatus.Healthy, SyncStatus.Synced),
            status("cart", "shop", "prod", "shop", "team/deploy-cart", HealthStatus.Degraded, SyncStatus.OutOfSync),
            status("billing", "finance", "staging", "money", "finance/deploy", HealthStatus.Progressing,
                    SyncStatus.Synced),
            status("new", "finance", "staging", "money", "finance/deploy", null, null));

    static AppListing listing(Map<String, String> params) {
        return AppListing.of(APPS, AppListing.Filter.of(params::get));
    }

    @Test
    void noFilter_listsEverythingByName_withCountsForEveryStatus() {
        AppListing l = listing(Map.of());
        assertThat(l.getApplications()).extracting(AppStatus::name).containsExactly("billing", "cart", "new", "web");
        assertThat(l.getHealthCounts()).containsExactly(Map.entry("Healthy", 1), Map.entry("Suspended", 0),
                Map.entry("Progressing", 1), Map.entry("Missing", 0), Map.entry("Degraded", 1),
                Map.entry("Unknown", 1));
        assertThat(l.getSyncCounts()).containsExactly(Map.entry("Synced", 2), Map.entry("OutOfSync", 1),
                Map.entry("Unknown", 1));
        assertThat(l.getOptions()).containsEntry("project", List.of("finance", "shop"))
                .containsEntry("cluster", List.of("prod", "staging"))
                .containsEntry("namespace", List.of("money", "shop"))
                .containsEntry("owner", List.of("finance/deploy", "team/deploy-cart", "team/deploy-web"));
        assertThat(l.getFilter().isActive()).isFalse();
        assertThat(l.getFilter().tiles()).isTrue();
    }

    @Test
    void filtersCombine_andCountsFollowTheFilteredList() {
        AppListing l = listing(Map.of("project", "shop", "sync", "OutOfSync"));
        assertThat(l.getApplications()).extracting(AppStatus::name).containsExactly("cart");
        assertThat(l.getSyncCounts()).containsEntry("OutOfSync", 1).containsEntry("Synced", 0);
        assertThat(l.getTotal()).isEqualTo(4);

        assertThat(listing(Map.of("cluster", "staging", "namespace", "money", "owner", "finance/deploy"))
                .getApplications()).extracting(AppStatus::name).containsExactly("billing", "new");
        assertThat(listing(Map.of("health", "Unknown")).getApplications()).extracting(AppStatus::name)
                .containsExactly("new");
    }

    @Test
    void textSearch_isCaseInsensitive_overNameRepositoryJobAndNamespace() {
        assertThat(listing(Map.of("q", "CART")).getApplications()).extracting(AppStatus::name)
                .containsExactly("cart");
        assertThat(listing(Map.of("q", "git.example.com/billing")).getApplications()).extracting(AppStatus::name)
                .containsExactly("billing");
        assertThat(listing(Map.of("q", "team/")).getApplications()).extracting(AppStatus::name)
                .containsExactly("cart", "web");
        assertThat(listing(Map.of("q", "<script>")).getApplications()).isEmpty();
    }

    @Test
    void links_keepTheOtherFilters_replaceOne_andEncodeValues() {
        AppListing.Filter f = listing(Map.of("project", "shop", "q", "a&b c", "view", "list")).getFilter();
        assertThat(f.with("health", "Degraded")).isEqualTo("?health=Degraded&project=shop&q=a%26b+c&view=list");
        assertThat(f.with("view", "tiles")).isEqualTo("?project=shop&q=a%26b+c");
        assertThat(f.with("project", "")).isEqualTo("?q=a%26b+c&view=list");
        assertThat(listing(Map.of()).getFilter().with("sort", "name")).isEqualTo(".");
        assertThat(listing(Map.of()).getFilter().with("sort", "health")).isEqualTo("?sort=health");
    }

    @Test
    void sortOrders_andUnknownValuesFallBackToDefaults() {
        assertThat(listing(Map.of("sort", "health")).getApplications()).extracting(AppStatus::name)
                .containsExactly("new", "cart", "billing", "web");
        assertThat(listing(Map.of("sort", "sync")).getApplications()).extracting(AppStatus::name)
                .containsExactly("cart", "billing", "web", "new");
        assertThat(listing(Map.of("sort", "owner")).getApplications()).extracting(AppStatus::name)
                .containsExactly("billing", "new", "cart", "web");
        AppListing odd = listing(Map.of("sort", "bogus", "view", "list"));
        assertThat(odd.getFilter().sort()).isEqualTo(AppListing.Sort.name);
        assertThat(odd.getFilter().tiles()).isFalse();
    }

    static AppStatus child(AppStatus s, String parent) {
        return new AppStatus(s.name(), s.owner(), s.application(), s.comparison(), null, false, List.of(), List.of(),
                List.of(), "", null, null, null, null, parent,
                io.jenkins.plugins.gitops.engine.reconcile.shard.ShardHolder.sole());
    }

    @Test
    void appOfApps_childrenAreListedRightBelowTheirParent_andKeepTheirPlaceWhenTheParentIsNotShown() {
        List<AppStatus> apps = List.of(
                status("root", "platform", "prod", "argocd", "team/root", HealthStatus.Healthy, SyncStatus.Synced),
                child(status("zeta", "platform", "prod", "z", "team/root", HealthStatus.Healthy, SyncStatus.Synced),
                        "root"),
                child(status("alpha", "platform", "prod", "a", "team/root", HealthStatus.Degraded,
                        SyncStatus.OutOfSync), "root"),
                child(status("alpha-db", "platform", "prod", "a", "team/root", HealthStatus.Healthy,
                        SyncStatus.Synced), "alpha"),
                status("billing", "finance", "prod", "money", "finance/deploy", HealthStatus.Healthy,
                        SyncStatus.Synced));
        assertThat(AppListing.of(apps, AppListing.Filter.of(Map.<String, String>of()::get)).getApplications())
                .extracting(AppStatus::name).containsExactly("billing", "root", "alpha", "alpha-db", "zeta");
        // the parent filtered out: its children stay, in the sort order
        assertThat(AppListing.of(apps, AppListing.Filter.of(Map.of("health", "Degraded")::get)).getApplications())
                .extracting(AppStatus::name).containsExactly("alpha");
    }
}
