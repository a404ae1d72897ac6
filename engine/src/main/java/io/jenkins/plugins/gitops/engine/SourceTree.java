package io.jenkins.plugins.gitops.engine;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.render.RenderRequest;
import io.jenkins.plugins.gitops.engine.source.RevisionInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files an application renders from, held open while rendering: the resolved revision, the render requests
 * (one per source that produces manifests, each with the trees of {@code ref} sources) and the leases that keep the
 * materialised trees from being evicted; {@code revisions} holds every source's commit in {@code spec.sources} order
 * for a multi-source application (empty otherwise). {@code application} may differ from the caller's when {@code --local}
 * pointed at the app directory itself.
 */
record SourceTree(Application application, RevisionInfo revision, List<RenderRequest> requests,
        List<AutoCloseable> leases, List<String> revisions) implements AutoCloseable {

    SourceTree {
        revisions = revisions == null ? List.of() : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(revisions));
    }

    SourceTree(Application application, RevisionInfo revision, List<RenderRequest> requests,
            List<AutoCloseable> leases) {
        this(application, revision, requests, leases, List.of());
    }

    static SourceTree local(Application app, Path root) {
        RevisionInfo info = new RevisionInfo("local", "", "", "", null, "local working directory " + root, List.of());
        return new SourceTree(app, info, List.of(new RenderRequest(root, app, app.source(), "local", Map.of())),
                List.of());
    }

    @Override
    public void close() {
        for (AutoCloseable lease : leases) {
            try {
                lease.close();
            } catch (Exception e) {
                // a lease only unpins a cached tree; nothing to report
            }
        }
    }
}
