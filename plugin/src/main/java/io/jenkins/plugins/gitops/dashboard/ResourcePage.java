package io.jenkins.plugins.gitops.dashboard;

import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.cluster.LogCursor;
import io.jenkins.plugins.gitops.engine.cluster.ResourceInspector;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import io.jenkins.plugins.gitops.engine.view.ResourceDetails;
import io.jenkins.plugins.gitops.engine.view.ResourceEvent;
import io.jenkins.plugins.gitops.engine.view.ResourceNode;
import io.jenkins.plugins.gitops.engine.view.StatusGlyphs;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;

/**
 * One resource of an application ({@code /gitops/app/<name>/resource/?id=...}): live and desired manifests, its
 * diff, its events and, for Pods, the last lines of a container's log. Reachable only through the application's
 * page (Item/READ on the owning job) and only for objects of the application's tree; everything is read through
 * the application's cluster connection (the configured credentials). Logs need Item/WORKSPACE on the owning job:
 * they may carry what the workspace would. Errors are shown as one line on the page rather than failing it.
 */
public final class ResourcePage {

    static final int EVENT_LIMIT = 50;
    static final int DEFAULT_TAIL = 100;

    private final AppStatus status;
    private final Job<?, ?> owner;
    private final ResourceNode node;
    private ResourceDetails details;
    private final List<String> errors = new ArrayList<>();

    ResourcePage(AppStatus status, Job<?, ?> owner, ResourceNode node) {
        this.status = status;
        this.owner = owner;
        this.node = node;
    }

    public String getApp() {
        return status.name();
    }

    public ResourceNode getNode() {
        return node;
    }

    public String getTitle() {
        return node.getKind() + " " + (node.getNamespace().isEmpty() ? "" : node.getNamespace() + "/")
                + node.getName();
    }

    /** This resource's id, URL-encoded: the logs request names the resource again. */
    public String getEncodedId() {
        return io.jenkins.plugins.gitops.engine.view.Markup.query(
                io.jenkins.plugins.gitops.engine.view.ResourceGraph.id(node.getKey()));
    }

    public String glyph(String s) {
        return StatusGlyphs.of(s);
    }

    /** App of apps: this resource is a child Application of the application (its own page links from here). */
    public boolean isChildApplication() {
        return io.jenkins.plugins.gitops.engine.appofapps.ChildComparison.isChild(node.getKey());
    }

    private static com.fasterxml.jackson.databind.JsonNode readYaml(String text) {
        try {
            return io.jenkins.plugins.gitops.engine.model.Yaml.YAML.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("recorded child application document is unreadable", e);
        }
    }

    /** Live and desired manifests, diff and events, read once per request. */
    public synchronized ResourceDetails getDetails() {
        owner.checkPermission(Item.READ);
        if (details != null) {
            return details;
        }
        Application app = status.application();
        GitOpsEngine engine = GitOpsService.get().runtime().engine();
        KubeObject live = null;
        List<ResourceEvent> events = List.of();
        if (isChildApplication()) {
            // app of apps: a child Application is not in the cluster; its "live" manifest is the document the
            // parent's last sync registered
            live = engine.recordedChildren(status.name()).stream()
                    .filter(e -> e.name().equals(node.getName()) && e.document() != null && !e.document().isBlank())
                    .findFirst().map(e -> KubeObject.of((com.fasterxml.jackson.databind.node.ObjectNode)
                            readYaml(e.document()))).orElse(null);
        } else {
            try {
                ResourceInspector inspector = inspector(engine, app);
                live = inspector.live(node.getKey()).orElse(null);
                events = inspector.events(node.getKey(), EVENT_LIMIT);
            } catch (RuntimeException e) {
                errors.add("Cluster: " + e.getMessage());
            }
        }
        KubeObject desired = null;
        AppComparison c = status.comparison();
        if (node.isManaged() && c != null && c.revision() != null && !c.revision().isEmpty()) {
            try {
                desired = ResourceDetails.findDesired(engine.render(app, c.revision(), null), node.getKey(),
                        app.destination() == null ? "" : app.destination().namespace());
            } catch (RuntimeException e) {
                errors.add("Git: " + e.getMessage());
            }
        }
        details = new ResourceDetails(node.getKey(), live, desired, c == null ? "" : c.diff(), events);
        return details;
    }

    public List<io.jenkins.plugins.gitops.DiffLines.Line> getDiffLines() {
        return io.jenkins.plugins.gitops.DiffLines.of(getDetails().getDiff());
    }

    /** This resource's diff in both layouts a page offers. */
    public io.jenkins.plugins.gitops.engine.view.DiffView getDiffView() {
        return io.jenkins.plugins.gitops.engine.view.DiffView.of(getDetails().getDiff());
    }

    /** One line per source that could not be read (cluster, Git). */
    public List<String> getErrors() {
        getDetails();
        return errors;
    }

    /** Whether the user may read container logs (Item/WORKSPACE on the owning job). */
    public boolean isCanReadLogs() {
        return owner.hasPermission(Item.WORKSPACE);
    }

    /** The default tail shown on the page. */
    public int getDefaultTail() {
        return DEFAULT_TAIL;
    }

    /**
     * {@code logs?container=web&tail=100[&cursor=...]}: a container's log as plain text, followed the way Jenkins'
     * progressive console is: without a cursor the last {@code tail} lines, with the cursor of the previous answer
     * (header {@value #CURSOR_HEADER}) only the lines written since, so a following page appends them. 403 without
     * Item/WORKSPACE; 400 for a malformed cursor; one line naming the Pod and container when the cluster cannot give
     * them (and the cursor is then kept).
     */
    public HttpResponse doLogs(@QueryParameter String container, @QueryParameter int tail,
            @QueryParameter String cursor) {
        owner.checkPermission(Item.WORKSPACE);
        if (!"Pod".equals(node.getKind()) || !node.getGroup().isEmpty()) {
            return HttpResponses.errorWithoutStack(404, node.getKind() + " has no logs");
        }
        List<String> containers = getDetails().getContainers();
        String chosen = container == null || container.isEmpty() ? (containers.isEmpty() ? "" : containers.get(0))
                : container;
        if (!containers.contains(chosen)) {
            return HttpResponses.errorWithoutStack(404, "Pod " + node.getName() + " has no container '" + chosen
                    + "'");
        }
        var from = LogCursor.parse(cursor);
        if (from.isEmpty()) {
            return HttpResponses.errorWithoutStack(400, "cursor: not a log cursor");
        }
        try {
            LogCursor.Read read = inspector(GitOpsService.get().runtime().engine(), status.application())
                    .follow(node.getKey(), chosen, tail <= 0 ? DEFAULT_TAIL : tail, from.get());
            return logText(read.text(), read.next().toString(), Integer.toString(read.lines()));
        } catch (RuntimeException e) {
            return logText("Logs unavailable: " + e.getMessage() + "\n", from.get().toString(), "error");
        }
    }

    /** The response header carrying the cursor to send with the next {@code logs} request. */
    public static final String CURSOR_HEADER = "X-GitOps-Log-Cursor";

    private static HttpResponse logText(String text, String cursor, String lines) {
        return new HttpResponse() {
            @Override
            public void generateResponse(org.kohsuke.stapler.StaplerRequest2 req,
                    org.kohsuke.stapler.StaplerResponse2 rsp, Object node) throws java.io.IOException {
                rsp.setHeader(CURSOR_HEADER, cursor);
                rsp.setHeader("X-GitOps-Log-Lines", lines);
                rsp.setHeader("Cache-Control", "no-store");
                rsp.setContentType("text/plain;charset=UTF-8");
                rsp.getWriter().write(text);
            }
        };
    }

    private static ResourceInspector inspector(GitOpsEngine engine, Application app) {
        ClusterConnection connection = engine.clusters().resolve(app.destination().server(),
                app.destination().name());
        return new ResourceInspector(connection);
    }
}
