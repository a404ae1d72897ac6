package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException.Reason;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The generic (kind-agnostic) calls both appliers share: resolve an object's kind through {@link ApiDiscovery},
 * pick its namespace, convert between {@link KubeObject} and fabric8's {@link GenericKubernetesResource}, and turn
 * every failure into a {@link ClusterException} naming the resource and the server, with secrets masked.
 */
final class ResourceOperations {

    /** The {@link KubeObject#source()} of objects read from the cluster. */
    static final String LIVE = "live";

    /** How long a forced replace waits for the old object to disappear before creating the new one. */
    static final long DELETE_WAIT_SECONDS = 120;

    /** An object's place in the cluster: its kind as served, its effective namespace and its name. */
    private static final int FINALIZER_ATTEMPTS = 5;

    record Target(ApiResource api, String namespace, String name, ResourceKey key) {}

    private final KubernetesClient client;
    private final ApiDiscovery discovery;
    private final String server;
    private final SecretRedactor redactor;

    ResourceOperations(KubernetesClient client, ApiDiscovery discovery, String server, SecretRedactor redactor) {
        this.client = client;
        this.discovery = discovery;
        this.server = server;
        this.redactor = redactor == null ? SecretRedactor.SHAPES_ONLY : redactor;
    }

    String server() {
        return server;
    }

    SecretRedactor redactor() {
        return redactor;
    }

    Target target(String verb, KubeObject object) {
        String name = object.name().isEmpty() && !object.generateName().isEmpty()
                ? object.generateName() + "*" : object.name();
        ResourceKey draft = new ResourceKey(object.group(), object.kind(), object.namespace(), name);
        ApiResource api;
        try {
            api = discovery.resolve(object.apiVersion(), object.kind());
        } catch (ClusterException e) {
            throw rename(e, verb, draft);
        }
        return target(api, object.namespace(), name, object.group());
    }

    Target target(String verb, ResourceKey key) {
        ApiResource api;
        try {
            api = discovery.resolve(key);
        } catch (ClusterException e) {
            throw rename(e, verb, key);
        }
        return target(api, key.namespace(), key.name(), key.group());
    }

    private Target target(ApiResource api, String namespace, String name, String group) {
        String ns = !api.namespaced() ? "" : namespace.isEmpty() ? defaultNamespace() : namespace;
        return new Target(api, ns, name, new ResourceKey(group, api.kind(), ns, name));
    }

    private String defaultNamespace() {
        String ns = client.getNamespace();
        return ns == null || ns.isBlank() ? "default" : ns;
    }

    /** A discovery failure restated for the object that needed it, naming the server once. */
    private ClusterException rename(ClusterException e, String verb, ResourceKey key) {
        String detail = e.getMessage()
                .replace(" on cluster " + server + " failed: ", ": ")
                .replace("cluster " + server + " does not serve", "the cluster does not serve");
        return new ClusterException(e.reason(), server, key, e.httpCode(),
                verb + " " + key + " on cluster " + server + " failed: " + detail, e);
    }

    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            collection(Target t) {
        var all = client.genericKubernetesResources(t.api().toResourceDefinitionContext());
        return t.api().namespaced() ? all.inNamespace(t.namespace()) : all;
    }

    Resource<GenericKubernetesResource> named(Target t) {
        return collection(t).withName(t.name());
    }

    /** The object body as sent to the server: a copy with the effective namespace (none when cluster-scoped). */
    static ObjectNode body(Target t, ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        ObjectNode meta = copy.with("metadata");
        if (t.namespace().isEmpty()) {
            meta.remove("namespace");
        } else {
            meta.put("namespace", t.namespace());
        }
        return copy;
    }

    Optional<KubeObject> get(Target t) {
        return call("get", t, null, () -> Optional.ofNullable(named(t).get()).map(this::live));
    }

    /** Every object of the target's kind in its namespace (cluster-wide when cluster-scoped), by name. */
    Map<String, KubeObject> list(Target t) {
        return call("list", t, null, () -> {
            Map<String, KubeObject> out = new java.util.HashMap<>();
            for (GenericKubernetesResource item : collection(t).list().getItems()) {
                KubeObject o = live(item);
                out.put(o.name(), o);
            }
            return out;
        });
    }

    KubeObject create(String verb, Target t, ObjectNode body, ApplyOptions o, KubeObject secrets) {
        return call(verb, t, secrets, () -> live(collection(t).resource(generic(body))
                .dryRun(o.dryRun())
                .fieldValidation(validation(o))
                .create()));
    }

    /** PUT: the object becomes {@code body}; guarded by {@code metadata.resourceVersion} when the body has one. */
    KubeObject update(String verb, Target t, ObjectNode body, ApplyOptions o, KubeObject secrets) {
        return call(verb, t, secrets, () -> live(collection(t).resource(generic(body))
                .dryRun(o.dryRun())
                .fieldValidation(validation(o))
                .update()));
    }

    /** PATCH with {@code body} as the patch document; works for absent objects too (server-side apply creates). */
    KubeObject patch(String verb, Target t, PatchContext context, ObjectNode body, KubeObject secrets) {
        return call(verb, t, secrets, () -> live(collection(t).resource(generic(body)).patch(context)));
    }

    /**
     * Removes {@code finalizer} from the object's {@code metadata.finalizers} with a JSON patch guarded by a
     * {@code test} of that very entry, so a concurrent change of the list is never overwritten: on a conflict the
     * object is read again and the removal retried (client-go's {@code RetryOnConflict}, as gitops-engine's
     * {@code removeHookFinalizer} does). False when the object is gone or does not carry the finalizer.
     */
    boolean removeFinalizer(Target t, String finalizer) {
        for (int attempt = 1; ; attempt++) {
            Optional<KubeObject> live = get(t);
            if (live.isEmpty()) {
                return false;
            }
            int index = -1;
            var finalizers = live.get().metadata().path("finalizers");
            for (int i = 0; i < finalizers.size(); i++) {
                if (finalizer.equals(finalizers.get(i).asText())) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return false;
            }
            String path = "/metadata/finalizers/" + index;
            var patch = Yaml.JSON.createArrayNode();
            patch.addObject().put("op", "test").put("path", path).put("value", finalizer);
            patch.addObject().put("op", "remove").put("path", path);
            try {
                call("remove finalizer " + finalizer + " from", t, null, () -> named(t)
                        .patch(PatchContext.of(PatchType.JSON), patch.toString()));
                return true;
            } catch (ClusterException e) {
                boolean raced = e.reason() == Reason.CONFLICT || e.httpCode() == 422;
                if (e.reason() == Reason.NOT_FOUND) {
                    return false;
                }
                if (!raced || attempt >= FINALIZER_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Deletes; when {@code waitGone}, returns only once the object no longer exists. False when already absent. */
    boolean delete(Target t, PropagationPolicy policy, boolean dryRun, boolean waitGone) {
        return call(dryRun ? "dry-run delete" : "delete", t, null, () -> {
            var deletable = named(t).dryRun(dryRun).withPropagationPolicy(policy.fabric8());
            var result = waitGone && !dryRun
                    ? deletable.withTimeout(DELETE_WAIT_SECONDS, TimeUnit.SECONDS).delete()
                    : deletable.delete();
            return !result.isEmpty();
        });
    }

    <T> T call(String verb, Target t, KubeObject secrets, Supplier<T> op) {
        try {
            return op.get();
        } catch (KubernetesClientException | IllegalArgumentException | IllegalStateException e) {
            throw ClusterErrors.translate(e, verb, t.key(), server, redactor.with(secrets));
        }
    }

    ClusterException conflict(String verb, Target t, String why) {
        return new ClusterException(Reason.CONFLICT, server, t.key(), 409,
                verb + " " + t.key() + " on cluster " + server + " failed: " + why, null);
    }

    GenericKubernetesResource generic(ObjectNode node) {
        return client.getKubernetesSerialization().convertValue(node, GenericKubernetesResource.class);
    }

    KubeObject live(GenericKubernetesResource resource) {
        try {
            ObjectNode node = (ObjectNode) Yaml.JSON.readTree(client.getKubernetesSerialization().asJson(resource));
            return new KubeObject(node, LIVE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the API server's answer: " + e.getOriginalMessage(), e);
        }
    }

    private static Validation validation(ApplyOptions o) {
        return o.validate() ? Validation.STRICT : Validation.IGNORE;
    }
}
