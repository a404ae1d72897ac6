package io.jenkins.plugins.gitops.bench.compare;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real cluster from a kubeconfig (its current context). The benchmark's objects go into a namespace created for
 * the run ({@code gitops-bench-XXXXXX}) by server-side apply with our field manager, as a sync would leave them; the
 * namespace is deleted on {@link #close()}.
 */
final class KubeconfigCluster implements ClusterTarget {

    private final Path kubeconfig;
    private final KubernetesClient client;
    private final String namespace;
    private final EngineLog log;

    KubeconfigCluster(Path kubeconfig, EngineLog log) throws IOException {
        this.kubeconfig = kubeconfig;
        this.log = log;
        this.client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8)))
                .build();
        this.namespace = "gitops-bench-" + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("app.kubernetes.io/part-of", "gitops-bench").endMetadata().build()).create();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String description() {
        return "the cluster of " + kubeconfig.getFileName() + " (" + client.getMasterUrl() + "), namespace " + namespace;
    }

    @Override
    public void apply(List<KubeObject> objects) {
        for (KubeObject o : objects) {
            GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(o.node(),
                    GenericKubernetesResource.class);
            client.genericKubernetesResources(o.apiVersion(), o.kind()).inNamespace(o.namespace()).resource(r)
                    .fieldManager(AnnotationNames.FIELD_MANAGER).forceConflicts().serverSideApply();
        }
    }

    @Override
    public boolean supportsServerSideApply() {
        return true;
    }

    @Override
    public void close() {
        try {
            client.namespaces().withName(namespace).withTimeout(2, TimeUnit.MINUTES).delete();
        } catch (RuntimeException e) {
            log.warn("could not delete namespace " + namespace + ": " + e.getMessage() + "; delete it by hand");
        } finally {
            client.close();
        }
    }
}
