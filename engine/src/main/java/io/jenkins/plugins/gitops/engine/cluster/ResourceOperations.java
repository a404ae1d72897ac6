package io.jenkins.plugins.gitops.engine.cluster;

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

    /** How long a forced replace waits for the old object to disappear before creating the new one. */
    static final long DELETE_WAIT_SECONDS = 120;

    /** An object's place in the cluster: its kind as served, its effective namespace and its name. */
    private static final int FINALIZER_ATTEMPTS = 5;

    record Target(ApiResource api, String namespace, String name, ResourceKey key) {}

    /** Retries of a write that failed on the way (no answer, 429, 5xx), as fabric8's own default here. */
    static final int WRITE_RETRIES = 3;
    /** The first retry's wait; doubled for each further one (fabric8's {@code requestRetryBackoffInterval}). */
    static final long WRITE_BACKOFF_MILLIS = 100;
    /** The least wait after a 429 (Too Many Requests: the API server's Retry-After is one second). */
    static final long THROTTLED_BACKOFF_MILLIS = 1000;

    private final KubernetesClient client;
    /** The same client (same HTTP connections) without fabric8's automatic retries: every write goes through it. */
    private final KubernetesClient writes;
    private final ApiDiscovery discovery;
    private final String server;
    private final SecretRedactor redactor;
    private final WriteGate gate;

    ResourceOperations(KubernetesClient client, ApiDiscovery discovery, String server, SecretRedactor redactor) {
        this(client, discovery, server, redactor, WriteGate.OPEN);
    }

    ResourceOperations(KubernetesClient client, ApiDiscovery discovery, String server, SecretRedactor redactor,
            WriteGate gate) {
        this.client = client;
        this.writes = withoutRetries(client);
        this.discovery = discovery;
        this.server = server;
        this.redactor = redactor == null ? SecretRedactor.SHAPES_ONLY : redactor;
        this.gate = gate == null ? WriteGate.OPEN : gate;
    }

    /**
     * fabric8 retries a failed request by itself (an I/O error, a timeout, 429, 5xx), up to seconds later and without
     * asking anyone: for a write that could be after the lease that allowed it was lost. Writes go through a view of
     * the client (sharing its HTTP client) with those retries off, and {@link #write} retries, asking the gate first.
     */
    private static KubernetesClient withoutRetries(KubernetesClient client) {
        try {
            io.fabric8.kubernetes.client.RequestConfig rc = new io.fabric8.kubernetes.client.RequestConfigBuilder(
                    client.getConfiguration().getRequestConfig()).withRequestRetryBackoffLimit(0).build();
            return client.newClient(rc).adapt(KubernetesClient.class);
        } catch (RuntimeException | LinkageError e) {
            return client; // a test double without a configuration: nothing to switch off
        }
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

    /** Whether discovery knows the kind, asking the server again when it did not; false when discovery fails. */
    boolean serves(String apiVersion, String kind) {
        try {
            return discovery.find(apiVersion, kind).isPresent();
        } catch (ClusterException e) {
            return false;
        }
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
        return collection(client, t);
    }

    private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> collection(KubernetesClient c, Target t) {
        var all = c.genericKubernetesResources(t.api().toResourceDefinitionContext());
        return t.api().namespaced() ? all.inNamespace(t.namespace()) : all;
    }

    Resource<GenericKubernetesResource> named(Target t) {
        return collection(t).withName(t.name());
    }

    /** The collection for a write: through the client without automatic retries. */
    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> writeCollection(Target t) {
        return collection(writes, t);
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

    /** How long {@link #watch} waits for the first listing before the caller reads the other way. */
    static final java.time.Duration WATCH_START = java.time.Duration.ofSeconds(30);

    /**
     * Starts watching every object of the target's kind in its namespace (cluster-wide when cluster-scoped), as plain
     * JSON ({@link StreamedKind}). Empty when the server does not answer the first listing within {@link #WATCH_START}
     * or refuses it: the caller then reads with {@link #list} or {@link #get}, whose errors say what is wrong.
     */
    Optional<WatchedKind> watch(Target t, Runnable onChange) {
        return StreamedKind.start(client.getHttpClient(), collectionUrl(t), t.api().apiVersion(), t.api().kind(),
                onChange, WATCH_START, null);
    }

    KubeObject create(String verb, Target t, ObjectNode body, ApplyOptions o, KubeObject secrets) {
        return write(verb, t, secrets, () -> live(writeCollection(t).resource(generic(body))
                .dryRun(o.dryRun())
                .fieldValidation(validation(o))
                .create()));
    }

    /** PUT: the object becomes {@code body}; guarded by {@code metadata.resourceVersion} when the body has one. */
    KubeObject update(String verb, Target t, ObjectNode body, ApplyOptions o, KubeObject secrets) {
        return write(verb, t, secrets, () -> live(writeCollection(t).resource(generic(body))
                .dryRun(o.dryRun())
                .fieldValidation(validation(o))
                .update()));
    }

    /**
     * A server-side apply, or its dry run, sent as JSON through the write client's HTTP client and answered straight
     * into a tree. fabric8's typed path turned the body into its object model and back to text and read every answer
     * into typed objects that were then turned into a tree again: the largest part of the client's CPU in a sync of
     * hundreds of objects, on machines where the API server needs that CPU. The request is the one fabric8 sends (URL,
     * {@code force}, {@code dryRun=All}, {@code fieldManager}, {@code fieldValidation}, content type, request timeout,
     * no automatic retries) and a refusal becomes the same {@link KubernetesClientException}
     * ({@code OperationSupport.requestFailure}), so retries, fencing and error messages are unchanged.
     */
    KubeObject serverSideApply(String verb, Target t, ObjectNode body, ApplyOptions options, KubeObject secrets) {
        // the query in the order fabric8 writes it
        java.util.List<String> query = new java.util.ArrayList<>();
        if (options.fieldValidation() != null) {
            query.add("fieldValidation=" + encode(options.fieldValidation()));
        }
        query.add("fieldManager=" + encode(options.fieldManager()));
        if (options.dryRun()) {
            query.add("dryRun=All");
        }
        query.add("force=" + options.forceConflicts());
        String url = objectUrl(t) + "?" + String.join("&", query);
        String json = body.toString();
        return write(verb, t, secrets, () -> {
            io.fabric8.kubernetes.client.http.HttpClient http = writes.getHttpClient();
            io.fabric8.kubernetes.client.http.HttpRequest request = RawRequest.bounded(writes,
                    http.newHttpRequestBuilder().uri(url).patch(PatchType.SERVER_SIDE_APPLY.getContentType(), json)
                            .header("Accept", "application/json")).build();
            io.fabric8.kubernetes.client.http.HttpResponse<byte[]> response = answer(http, request);
            if (!response.isSuccessful()) {
                throw io.fabric8.kubernetes.client.dsl.internal.OperationSupport.requestFailure(request,
                        io.fabric8.kubernetes.client.dsl.internal.OperationSupport.createStatus(response,
                                client.getKubernetesSerialization()));
            }
            try {
                return new KubeObject((ObjectNode) Yaml.JSON.readTree(response.body()), ListedItem.LIVE);
            } catch (java.io.IOException | ClassCastException e) {
                throw new IllegalStateException("cannot read the API server's answer: " + e.getMessage(), e);
            }
        });
    }

    /** The answer to {@code request}, or the failure as fabric8's blocking calls report it. */
    private static io.fabric8.kubernetes.client.http.HttpResponse<byte[]> answer(
            io.fabric8.kubernetes.client.http.HttpClient http, io.fabric8.kubernetes.client.http.HttpRequest request) {
        try {
            return http.sendAsync(request, byte[].class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            java.io.InterruptedIOException io = new java.io.InterruptedIOException("interrupted");
            io.initCause(e);
            throw new KubernetesClientException("interrupted", io);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof KubernetesClientException k) {
                throw k;
            }
            throw new KubernetesClientException(cause.getMessage(), cause);
        }
    }

    /** The object's URL: {@code /api/v1/namespaces/NS/configmaps/NAME}, {@code /apis/GROUP/VERSION/PLURAL/NAME}. */
    private String objectUrl(Target t) {
        return collectionUrl(t) + "/" + encode(t.name());
    }

    /** The URL of the target's kind in its namespace: {@code /api/v1/namespaces/NS/configmaps}, {@code /apis/G/V/P}. */
    private String collectionUrl(Target t) {
        String base = ClientConfigs.trimSlash(client.getMasterUrl().toString());
        ApiResource api = t.api();
        return base + (api.group().isEmpty() ? "/api/" + api.version() : "/apis/" + api.apiVersion())
                + (api.namespaced() ? "/namespaces/" + encode(t.namespace()) : "") + "/" + api.plural();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
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
                write("remove finalizer " + finalizer + " from", t, null, () -> writeCollection(t)
                        .withName(t.name()).patch(PatchContext.of(PatchType.JSON), patch.toString()));
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
        return write(dryRun ? "dry-run delete" : "delete", t, null, () -> {
            var deletable = writeCollection(t).withName(t.name()).dryRun(dryRun)
                    .withPropagationPolicy(policy.fabric8());
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

    /**
     * One write: the gate is asked right before the request is sent and before every retry; a write that failed on
     * the way (no answer, 429, 5xx other than a schema error) is sent again up to {@link #WRITE_RETRIES} times with
     * a doubling backoff. A closed gate sends nothing more and fails with its reason.
     */
    <T> T write(String verb, Target t, KubeObject secrets, Supplier<T> op) {
        for (int retry = 0; ; retry++) {
            java.util.Optional<String> closed = gate.closed();
            if (closed.isPresent()) {
                throw new ClusterException(Reason.CONFIGURATION, server, t.key(), 0, closed.get() + "; " + verb + " "
                        + t.key() + " not sent" + (retry == 0 ? "" : " again (after " + retry + " failed attempt"
                                + (retry == 1 ? ")" : "s)")), null);
            }
            try {
                return op.get();
            } catch (KubernetesClientException | IllegalArgumentException | IllegalStateException e) {
                ClusterException translated = ClusterErrors.translate(e, verb, t.key(), server,
                        redactor.with(secrets));
                if (retry >= WRITE_RETRIES || !(transient_(translated) || brokenConnection(e))) {
                    throw translated;
                }
                try {
                    Thread.sleep(backoff(translated, retry));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw translated;
                }
            }
        }
    }

    /** What fabric8 would have retried: no answer, 429, or a 5xx that is not the object failing the schema. */
    private static boolean transient_(ClusterException e) {
        return e.reason() == Reason.UNREACHABLE || e.reason() == Reason.SERVER_ERROR || e.httpCode() == 429;
    }

    /** No HTTP answer because of an I/O failure of any kind (fabric8 retried every {@link java.io.IOException}). */
    private static boolean brokenConnection(RuntimeException e) {
        if (e instanceof KubernetesClientException k && k.getCode() > 0) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    static long backoff(ClusterException e, int retry) {
        long exponential = WRITE_BACKOFF_MILLIS << Math.min(retry, 10);
        return e.httpCode() == 429 ? Math.max(exponential, THROTTLED_BACKOFF_MILLIS) : exponential;
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
            // fabric8's own mapper, tree to tree (no JSON text written and parsed again: every write's answer)
            return new KubeObject(client.getKubernetesSerialization().convertValue(resource, ObjectNode.class),
                    ListedItem.LIVE);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the API server's answer: " + e.getMessage(), e);
        }
    }

    private static Validation validation(ApplyOptions o) {
        return o.validate() ? Validation.STRICT : Validation.IGNORE;
    }
}
