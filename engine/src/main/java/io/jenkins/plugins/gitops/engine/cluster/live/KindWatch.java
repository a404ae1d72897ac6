package io.jenkins.plugins.gitops.engine.cluster.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One fabric8 SharedIndexInformer over one kind in all namespaces, with the indexes the live-state queries need.
 *
 * <p>States: starting (initial list in flight), synced (store holds the full listing and the watch keeps it current;
 * a dropped watch reconnects by itself), failed (the kind is unknown to the server, or the initial list or a later
 * watch gave up). A failed watch serves whatever it holds but never counts as synced. The informer is started
 * without resync, so every update event is a real change on the server.
 */
final class KindWatch {

    static final String BY_OWNER_UID = "gitops.owner-uid";
    static final String BY_UID = "gitops.uid";
    static final String BY_TRACKING_ANNOTATION_APP = "gitops.tracking-annotation-app";
    static final String BY_INSTANCE_LABEL_APP = "gitops.instance-label-app";

    private final GroupVersionKind kind;
    private final String server;
    private final EngineLog log;
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;
    private volatile String failure;

    private KindWatch(GroupVersionKind kind, String server, EngineLog log) {
        this.kind = kind;
        this.server = server;
        this.log = log;
    }

    /** Creates and starts the informer; failures are recorded, never thrown. */
    static KindWatch start(KubernetesClient client, GroupVersionKind kind, EngineLog log,
            ResourceEventHandler<GenericKubernetesResource> handler) {
        KindWatch w = new KindWatch(kind, client.getMasterUrl().toString(), log);
        w.begin(client, handler);
        return w;
    }

    private void begin(KubernetesClient client, ResourceEventHandler<GenericKubernetesResource> handler) {
        SharedIndexInformer<GenericKubernetesResource> inf;
        try {
            inf = client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inAnyNamespace().runnableInformer(0);
        } catch (KubernetesClientException e) {
            fail("the server does not serve this kind (" + message(e) + ")");
            return;
        }
        inf.addIndexers(indexers());
        inf.addEventHandler(handler);
        inf.exceptionHandler(this::retryAfter);
        informer = inf;
        inf.start().whenComplete((v, t) -> {
            if (t != null) {
                fail("listing failed: " + message(t));
            } else {
                log.info("watching " + kind + " on " + server + " (" + inf.getStore().listKeys().size() + " objects)");
            }
            settled.complete(null);
        });
        inf.stopped().whenComplete((v, t) -> {
            if (t != null) {
                fail("the watch stopped: " + message(t));
            }
        });
    }

    /** Do not retry the initial list (report it instead); keep a running watch alive through transient errors. */
    private boolean retryAfter(boolean started, Throwable t) {
        if (started) {
            log.warn("watch of " + kind + " on " + server + " failed, reconnecting: " + message(t));
        }
        return started && !ExceptionHandler.isDeserializationException(t);
    }

    private Map<String, Function<GenericKubernetesResource, List<String>>> indexers() {
        ResourceTracking byAnnotation = ResourceTracking.of(TrackingMethod.Annotation);
        ResourceTracking byLabel = ResourceTracking.of(TrackingMethod.Label);
        return Map.of(
                BY_OWNER_UID, LiveObjects::ownerUids,
                BY_UID, r -> LiveObjects.uid(r).isEmpty() ? List.of() : List.of(LiveObjects.uid(r)),
                BY_TRACKING_ANNOTATION_APP, r -> byAnnotation
                        .owningApp(LiveObjects.trackingAnnotation(r), null, LiveObjects.keyOf(r, kind))
                        .map(List::of).orElse(List.of()),
                BY_INSTANCE_LABEL_APP, r -> byLabel
                        .owningApp(null, LiveObjects.instanceLabel(r), null)
                        .map(List::of).orElse(List.of()));
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
            log.warn("cannot watch " + kind + " on " + server + ": " + why);
        }
        settled.complete(null);
    }

    GroupVersionKind kind() {
        return kind;
    }

    /** Whether the store holds the complete, current listing of this kind. */
    boolean isSynced() {
        SharedIndexInformer<GenericKubernetesResource> inf = informer;
        return failure == null && inf != null && inf.isRunning() && inf.hasSynced();
    }

    boolean isFailed() {
        return failure != null;
    }

    /** Why the listing of this kind is not complete, naming the kind and the server; empty when it is. */
    Optional<String> problem() {
        if (failure != null) {
            return Optional.of("cannot watch " + kind + " on " + server + ": " + failure);
        }
        if (!isSynced()) {
            return Optional.of(kind + " on " + server + " is not fully listed yet");
        }
        return Optional.empty();
    }

    /** Completes once the initial list finished or failed. */
    CompletableFuture<Void> settled() {
        return settled;
    }

    List<GenericKubernetesResource> byIndex(String index, String value) {
        SharedIndexInformer<GenericKubernetesResource> inf = informer;
        return inf == null ? List.of() : inf.getIndexer().byIndex(index, value);
    }

    Optional<GenericKubernetesResource> get(String namespace, String name) {
        SharedIndexInformer<GenericKubernetesResource> inf = informer;
        if (inf == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(inf.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    int size() {
        SharedIndexInformer<GenericKubernetesResource> inf = informer;
        return inf == null ? 0 : inf.getStore().listKeys().size();
    }

    void stop() {
        SharedIndexInformer<GenericKubernetesResource> inf = informer;
        if (inf != null) {
            inf.stop();
        }
        settled.complete(null);
    }

    /** Whether the underlying informer runs (false once stopped or failed). */
    boolean isRunning() {
        SharedIndexInformer<GenericKubernetesResource> inf = informer;
        return inf != null && inf.isRunning();
    }

    /** Network failures in words a person recognises (the JDK's own messages are often empty). */
    private static final java.util.Map<String, String> NETWORK_FAILURES = java.util.Map.of(
            "ConnectException", "connection refused",
            "UnknownHostException", "unknown host",
            "NoRouteToHostException", "no route to host",
            "HttpConnectTimeoutException", "connection timed out",
            "HttpTimeoutException", "request timed out",
            "SSLHandshakeException", "TLS handshake failed");

    /** fabric8's advice to its own callers, which a person reading our messages can do nothing with. */
    private static final String LIBRARY_HINT = ", please pass a ResourceDefinitionContext instead";

    static String message(Throwable t) {
        return messageWithHints(t).replace("Could not find the metadata for the given apiVersion and kind"
                + LIBRARY_HINT, "the cluster does not serve this apiVersion and kind").replace(LIBRARY_HINT, "");
    }

    private static String messageWithHints(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                        || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        for (Throwable x = c; x != null; x = x.getCause()) {
            if (x instanceof io.fabric8.kubernetes.client.KubernetesClientException kce && kce.getCode() > 0
                    && kce.getStatus() != null && kce.getStatus().getMessage() != null) {
                // the API server answered: its own words, not fabric8's request dump ("Failure executing: GET ...")
                return "HTTP " + kce.getCode() + " " + kce.getStatus().getMessage().strip();
            }
        }
        String m = text(c);
        Throwable root = null;
        for (Throwable x = c.getCause(); x != null && x != root; x = x.getCause()) {
            boolean network = x.getClass().getName().startsWith("java.net.")
                    || x.getClass().getName().startsWith("javax.net.ssl.");
            if (network || (root == null && !text(x).equals(x.getClass().getSimpleName()))) {
                root = x;
                if (network) {
                    break;
                }
            }
        }
        if (root != null) {
            // fabric8 says only "Operation: [list] ... failed."; the root cause says why (e.g. Connection refused)
            String why = NETWORK_FAILURES.getOrDefault(root.getClass().getSimpleName(),
                    root.getClass().getSimpleName()) + (text(root).equals(root.getClass().getSimpleName())
                            ? "" : ": " + text(root));
            if (!m.contains(why)) {
                m = m + " (" + why + ")";
            }
        }
        return m;
    }

    private static String text(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }
}
