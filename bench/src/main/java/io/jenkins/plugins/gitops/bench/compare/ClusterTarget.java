package io.jenkins.plugins.gitops.bench.compare;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.nio.file.Path;
import java.util.List;

/** The API server the compare benchmark runs against, with a client and a kubeconfig for other processes. */
interface ClusterTarget extends AutoCloseable {

    KubernetesClient client();

    /** A kubeconfig file reaching the same server (for {@code kubectl} and fresh JVMs). */
    Path kubeconfig();

    /** Namespace the benchmark's objects live in. */
    String namespace();

    /** What the server is, for the report. */
    String description();

    /** Creates the objects as they would look after a sync. */
    void apply(List<KubeObject> objects);

    /** Whether {@code kubectl diff --server-side} can work here (it needs server-side apply with dry-run). */
    boolean supportsServerSideApply();

    /** Stops what was started and deletes what was created. */
    @Override
    void close();
}
