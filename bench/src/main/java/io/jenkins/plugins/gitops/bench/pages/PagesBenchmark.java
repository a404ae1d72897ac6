package io.jenkins.plugins.gitops.bench.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.bench.BenchEnvironment;
import io.jenkins.plugins.gitops.bench.Benchmark;
import io.jenkins.plugins.gitops.bench.measure.BenchmarkFailure;
import io.jenkins.plugins.gitops.bench.measure.Samples;
import io.jenkins.plugins.gitops.bench.measure.Scenario;
import io.jenkins.plugins.gitops.bench.report.BenchmarkReport;
import io.jenkins.plugins.gitops.bench.report.Row;
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.view.AppListing;
import io.jenkins.plugins.gitops.engine.view.ResourceGraph;
import io.jenkins.plugins.gitops.engine.view.ResourceGraphSvg;
import io.jenkins.plugins.gitops.engine.view.ResourceTree;
import io.jenkins.plugins.gitops.engine.view.ResourceTreeBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 17 (pages): the server-side work behind the application page and the dashboard for large inputs, in
 * process. An application of {@code pages.resources} (1000) objects - Deployments each owning a ReplicaSet with seven
 * Pods, plus one Service per Deployment - is built into its resource tree from live objects (ownerReferences), laid
 * out as a graph and rendered to SVG (what the page embeds), and flattened for the list view; the dashboard filters,
 * sorts and counts {@code pages.apps} (1000) applications. Each result is checked (node, edge and row counts, SVG
 * size) so a shortcut cannot report a good number. The Jelly rendering around these models is not measured here.
 */
public final class PagesBenchmark implements Benchmark {

    @Override
    public String id() {
        return "pages";
    }

    @Override
    public String description() {
        return "resource graph layout + SVG, list rows and dashboard listing for 1000 resources / applications";
    }

    @Override
    public BenchmarkReport run(BenchEnvironment env) {
        int resources = env.options().intParameter(id(), "resources", 1000);
        int appCount = env.options().intParameter(id(), "apps", 1000);
        int deployments = Math.max(1, resources / 10);
        List<ResourceTreeBuilder.Managed> managed = new ArrayList<>();
        List<KubeObject> live = new ArrayList<>();
        for (int d = 0; d < deployments; d++) {
            String dep = "web-" + d;
            KubeObject deployment = obj("apps/v1", "Deployment", dep, "uid-d-" + d, null, null);
            KubeObject service = obj("v1", "Service", dep, "uid-s-" + d, null, null);
            managed.add(new ResourceTreeBuilder.Managed(deployment.key(), deployment, SyncStatus.Synced, false));
            managed.add(new ResourceTreeBuilder.Managed(service.key(), service, SyncStatus.Synced, false));
            live.add(obj("apps/v1", "ReplicaSet", dep + "-rs", "uid-r-" + d, "Deployment", "uid-d-" + d));
            for (int p = 0; p < 7; p++) {
                live.add(obj("v1", "Pod", dep + "-rs-" + p, "uid-p-" + d + "-" + p, "ReplicaSet", "uid-r-" + d));
            }
        }
        int expected = deployments * 10;
        ResourceTreeBuilder builder = new ResourceTreeBuilder();
        ResourceTree tree = builder.build(managed, live);

        List<Row> rows = new ArrayList<>();
        Samples build = env.sampler().measure(new Scenario("tree from live objects", null,
                () -> builder.build(managed, live), r -> requireRows((ResourceTree) r, expected)));
        rows.add(Row.of("resource tree from " + expected + " live objects (ownerReferences)", "gitops engine", build,
                ""));
        Samples svg = env.sampler().measure(new Scenario("graph layout + SVG", null,
                () -> ResourceGraphSvg.render(ResourceGraph.layout("big", "Healthy", "Synced", tree, Set.of())),
                r -> {
                    String s = (String) r;
                    int nodes = s.split("class=\"gitops-node__link\"", -1).length - 1;
                    if (nodes != expected + 1) {
                        throw new BenchmarkFailure("SVG has " + nodes + " nodes, expected " + (expected + 1));
                    }
                }));
        rows.add(Row.of("graph layout + SVG of " + expected + " nodes (application page)", "gitops engine", svg,
                "SVG of about " + (ResourceGraphSvg.render(ResourceGraph.layout("big", "Healthy", "Synced", tree,
                        Set.of())).length() / 1024) + " KiB"));
        Samples list = env.sampler().measure(new Scenario("list rows", null, tree::getRows,
                r -> {
                    if (((List<?>) r).size() != expected) {
                        throw new BenchmarkFailure("list has " + ((List<?>) r).size() + " rows");
                    }
                }));
        rows.add(Row.of("list view rows of " + expected + " nodes", "gitops engine", list, ""));

        List<AppStatus> apps = new ArrayList<>();
        for (int i = 0; i < appCount; i++) {
            apps.add(status("app-" + i, i));
        }
        AppListing.Filter filter = AppListing.Filter.of(Map.of("health", "Degraded", "sort", "health", "q", "app-1")::get);
        Samples listing = env.sampler().measure(new Scenario("dashboard listing", null,
                () -> AppListing.of(apps, filter),
                r -> {
                    AppListing l = (AppListing) r;
                    if (l.getTotal() != appCount || l.getApplications().isEmpty()) {
                        throw new BenchmarkFailure("listing total " + l.getTotal() + ", shown "
                                + l.getApplications().size());
                    }
                }));
        rows.add(Row.of("dashboard: filter + sort + counts of " + appCount + " applications", "gitops engine",
                listing, ""));
        return new BenchmarkReport(id(), "Pages: an application of " + expected + " resources, a dashboard of "
                + appCount + " applications (issue \"Pages people prefer to Argo CD's UI\")",
                List.of(deployments + " Deployments, each owning a ReplicaSet with 7 Pods, and " + deployments
                        + " Services: " + expected + " objects; " + appCount + " applications with mixed health for the"
                        + " dashboard. In process, no cluster: these are the view models the pages render."),
                rows, List.of("Goal: under 1 s of server-side rendering for an application with 1,000 resources. "
                        + "The Jelly page around the SVG and the browser's drawing are not included; the application "
                        + "page opens in the list view above 500 resources."));
    }

    private static final ResourceTree EMPTY = new ResourceTreeBuilder().build(List.of(), List.of());

    private static void requireRows(ResourceTree t, int expected) {
        if (t.getRows().size() != expected) {
            throw new BenchmarkFailure("tree has " + t.getRows().size() + " rows, expected " + expected);
        }
    }

    private static KubeObject obj(String apiVersion, String kind, String name, String uid, String ownerKind,
            String ownerUid) {
        ObjectNode n = Yaml.JSON.createObjectNode();
        n.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = n.putObject("metadata");
        meta.put("name", name).put("namespace", "big").put("uid", uid).put("generation", 1);
        if (ownerUid != null) {
            ObjectNode ref = meta.putArray("ownerReferences").addObject();
            ref.put("apiVersion", "apps/v1").put("kind", ownerKind).put("name", "owner").put("uid", ownerUid)
                    .put("controller", true);
        }
        if ("Pod".equals(kind)) {
            n.putObject("status").put("phase", "Running");
        }
        return KubeObject.of(n);
    }

    private static AppStatus status(String name, int i) {
        HealthStatus health = HealthStatus.values()[i % HealthStatus.values().length];
        var app = ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: NAME}
                spec:
                  project: team-PROJ
                  source: {repoURL: 'https://git.example.com/NAME.git', path: deploy, targetRevision: main}
                  destination: {name: cluster-CLUS, namespace: NAME}
                """.replace("NAME", name).replace("PROJ", Integer.toString(i % 7)).replace("CLUS", Integer.toString(i % 3)),
                name + ".yaml");
        AppComparison c = new AppComparison(name, "abc", "main", "", "", Instant.EPOCH,
                i % 4 == 0 ? SyncStatus.OutOfSync : SyncStatus.Synced, new Health(health, ""), List.of(),
                EMPTY, "", null, Instant.EPOCH);
        return new AppStatus(name, "folder/job-" + (i % 50), app, c, null, false, List.of(), List.of(), List.of(), "",
                null, null, null, null);
    }
}
