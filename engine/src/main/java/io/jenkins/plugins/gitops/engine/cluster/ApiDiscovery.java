package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException.Reason;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds a cluster serves, from its discovery endpoints ({@code /api/v1}, {@code /apis},
 * {@code /apis/<group>/<version>}), cached per group version.
 *
 * <p>A kind missing from the cache triggers exactly one refresh of that group version (and of the group list)
 * before it is reported unknown: that is how a custom resource whose CRD was applied a moment ago resolves, while a
 * typo costs one round trip, not a loop. Subresources ({@code deployments/scale}) are never kinds. Thread-safe.
 */
public final class ApiDiscovery {

    /** The core group has only ever served v1 ({@code /api/v1}). */
    private static final String CORE_VERSION = "v1";

    /** The connection's client, built on first use (a lookup that never leaves the cache needs none). */
    private final java.util.function.Supplier<KubernetesClient> clients;
    private final String server;
    private final SecretRedactor redactor;
    /** group version ("v1", "apps/v1") -> kind -> resource. */
    private final Map<String, Map<String, ApiResource>> byGroupVersion = new ConcurrentHashMap<>();
    /** group -> served versions, preferred first; null until first needed. */
    private volatile Map<String, List<String>> groups;

    public ApiDiscovery(KubernetesClient client, String server, SecretRedactor redactor) {
        this(() -> client, server, redactor);
    }

    /**
     * With the client supplied on first use: a {@link ClusterConnection} hands out its discovery at once and builds
     * its client (kubeconfig, TLS set-up: about a second in a fresh JVM) only when a request is sent, so a one-shot
     * command can build it on another thread while Git is read.
     */
    public ApiDiscovery(java.util.function.Supplier<KubernetesClient> clients, String server,
            SecretRedactor redactor) {
        this.clients = clients;
        this.server = server;
        this.redactor = redactor == null ? SecretRedactor.SHAPES_ONLY : redactor;
    }

    /** The kind of {@code apiVersion} (e.g. {@code apps/v1}); refreshes once when unknown, then fails naming both. */
    public ApiResource resolve(String apiVersion, String kind) {
        return find(apiVersion, kind).orElseThrow(() -> unknown("apiVersion " + apiVersion + ", kind " + kind));
    }

    /** Like {@link #resolve(String, String)} but empty instead of an error when the cluster does not serve it. */
    public Optional<ApiResource> find(String apiVersion, String kind) {
        if (apiVersion == null || apiVersion.isBlank() || kind == null || kind.isBlank()) {
            throw new ClusterException(Reason.UNKNOWN_KIND, server,
                    "object without apiVersion or kind (apiVersion '" + apiVersion + "', kind '" + kind + "')");
        }
        ApiResource found = kinds(apiVersion, false).get(kind);
        if (found == null) {
            found = kinds(apiVersion, true).get(kind);
        }
        return Optional.ofNullable(found);
    }

    /**
     * The kind of a tracked resource (group and kind, no version) at the group's preferred version, or at another
     * served version of the group when the preferred one lacks the kind.
     */
    public ApiResource resolve(ResourceKey key) {
        for (boolean refresh : new boolean[] {false, true}) {
            for (String version : versionsOf(key.group(), refresh)) {
                String gv = key.group().isEmpty() ? version : key.group() + "/" + version;
                ApiResource r = kinds(gv, refresh).get(key.kind());
                if (r != null) {
                    return r;
                }
            }
        }
        throw unknown("group '" + key.group() + "', kind " + key.kind() + " (for " + key + ")");
    }

    /** Every kind the cluster serves, one per group at its preferred version (what a live-state cache watches). */
    public List<ApiResource> serverResources() {
        List<String> preferred = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : groups(false).entrySet()) {
            String group = g.getKey();
            if (!g.getValue().isEmpty()) {
                preferred.add(group.isEmpty() ? g.getValue().get(0) : group + "/" + g.getValue().get(0));
            }
        }
        prefetch(preferred);
        List<ApiResource> out = new ArrayList<>();
        for (String gv : preferred) {
            out.addAll(kinds(gv, false).values());
        }
        return out;
    }

    /**
     * Fetches the group versions not cached yet concurrently (at most {@link #DISCOVERY_CONCURRENCY} at a time), as
     * kubectl's discovery does: one round trip per group version in a row costs seconds on a busy server. A group
     * version that fails here is fetched again, and its error reported, by the sequential lookup that follows.
     */
    private void prefetch(List<String> groupVersions) {
        List<String> missing = groupVersions.stream().filter(gv -> !byGroupVersion.containsKey(gv)).toList();
        if (missing.size() < 2) {
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(DISCOVERY_CONCURRENCY, missing.size()), r -> {
                    Thread t = new Thread(r, "gitops-discovery");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<?>> fetches = new ArrayList<>();
            for (String gv : missing) {
                fetches.add(pool.submit(() -> kinds(gv, false)));
            }
            for (java.util.concurrent.Future<?> f : fetches) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // left uncached: the caller's own lookup repeats it and reports the error
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Group versions discovered at the same time by {@link #serverResources()}. */
    static final int DISCOVERY_CONCURRENCY = 8;

    /** Forgets everything; the next lookup asks the server again. */
    public void invalidate() {
        byGroupVersion.clear();
        groups = null;
    }

    private Map<String, ApiResource> kinds(String groupVersion, boolean refresh) {
        if (!refresh) {
            Map<String, ApiResource> cached = byGroupVersion.get(groupVersion);
            if (cached != null) {
                return cached;
            }
        }
        Map<String, ApiResource> fresh = fetchKinds(groupVersion);
        byGroupVersion.put(groupVersion, fresh);
        return fresh;
    }

    private Map<String, ApiResource> fetchKinds(String groupVersion) {
        APIResourceList list = call("discover " + groupVersion, () -> clients.get().getApiResources(groupVersion));
        Map<String, ApiResource> out = new LinkedHashMap<>();
        if (list == null || list.getResources() == null) {
            return Map.of();
        }
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        String version = groupVersion.substring(slash + 1);
        for (io.fabric8.kubernetes.api.model.APIResource r : list.getResources()) {
            if (r.getName() == null || r.getName().contains("/") || r.getKind() == null) {
                continue; // subresources such as deployments/scale or pods/log are not kinds
            }
            out.putIfAbsent(r.getKind(), new ApiResource(group, version, r.getKind(), r.getName(),
                    Boolean.TRUE.equals(r.getNamespaced()), r.getVerbs()));
        }
        return Map.copyOf(out);
    }

    private List<String> versionsOf(String group, boolean refresh) {
        if (group.isEmpty()) {
            return List.of(CORE_VERSION);
        }
        return groups(refresh).getOrDefault(group, List.of());
    }

    private Map<String, List<String>> groups(boolean refresh) {
        Map<String, List<String>> current = groups;
        if (current != null && !refresh) {
            return current;
        }
        Map<String, List<String>> aggregated = aggregated();
        if (aggregated != null) {
            groups = aggregated;
            return aggregated;
        }
        APIGroupList list = call("discover API groups", () -> clients.get().getApiGroups());
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("", List.of(CORE_VERSION));
        if (list != null && list.getGroups() != null) {
            for (APIGroup g : list.getGroups()) {
                out.put(g.getName(), versions(g));
            }
        }
        groups = Map.copyOf(out);
        return groups;
    }

    /** Aggregated discovery (apidiscovery.k8s.io v2, or v2beta1 before Kubernetes 1.30), as kubectl asks for it. */
    private static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    /**
     * Every group, version and kind from the two aggregated discovery documents ({@code /api} and {@code /apis}, one
     * round trip each instead of one per group version), cached as the per-group-version lookups would have cached
     * them; null when the server does not serve aggregated discovery or either request fails, and the per-group-version
     * path (which reports errors) runs instead. A group version the server marks {@code Stale} (its aggregated API
     * server did not answer) is left uncached, so that a lookup asks for it directly.
     */
    private Map<String, List<String>> aggregated() {
        try {
            KubernetesClient client = clients.get();
            io.fabric8.kubernetes.client.http.HttpClient http = client.getHttpClient();
            String base = client.getMasterUrl().toString().replaceAll("/+$", "");
            java.util.concurrent.CompletableFuture<io.fabric8.kubernetes.client.http.HttpResponse<String>> core =
                    http.sendAsync(RawRequest.get(client, base + "/api", AGGREGATED), String.class);
            java.util.concurrent.CompletableFuture<io.fabric8.kubernetes.client.http.HttpResponse<String>> named =
                    http.sendAsync(RawRequest.get(client, base + "/apis", AGGREGATED), String.class);
            com.fasterxml.jackson.databind.JsonNode coreList = aggregatedList(core.get(60,
                    java.util.concurrent.TimeUnit.SECONDS));
            com.fasterxml.jackson.databind.JsonNode namedList = aggregatedList(named.get(60,
                    java.util.concurrent.TimeUnit.SECONDS));
            if (coreList == null || namedList == null) {
                return null;
            }
            Map<String, List<String>> out = new LinkedHashMap<>();
            Map<String, Map<String, ApiResource>> kinds = new LinkedHashMap<>();
            for (com.fasterxml.jackson.databind.JsonNode list : List.of(coreList, namedList)) {
                for (com.fasterxml.jackson.databind.JsonNode g : list.path("items")) {
                    String group = g.path("metadata").path("name").asText("");
                    List<String> versions = new ArrayList<>();
                    for (com.fasterxml.jackson.databind.JsonNode v : g.path("versions")) {
                        String version = v.path("version").asText("");
                        if (version.isEmpty()) {
                            continue;
                        }
                        versions.add(version); // listed in order of preference, the preferred version first
                        if ("Stale".equals(v.path("freshness").asText(""))) {
                            continue;
                        }
                        Map<String, ApiResource> byKind = new LinkedHashMap<>();
                        for (com.fasterxml.jackson.databind.JsonNode r : v.path("resources")) {
                            String kind = r.path("responseKind").path("kind").asText("");
                            String plural = r.path("resource").asText("");
                            if (kind.isEmpty() || plural.isEmpty() || plural.contains("/")) {
                                continue;
                            }
                            List<String> verbs = new ArrayList<>();
                            r.path("verbs").forEach(x -> verbs.add(x.asText()));
                            byKind.putIfAbsent(kind, new ApiResource(group, version, kind, plural,
                                    "Namespaced".equals(r.path("scope").asText()), verbs));
                        }
                        kinds.put(group.isEmpty() ? version : group + "/" + version, Map.copyOf(byKind));
                    }
                    if (group.isEmpty()) {
                        versions = List.of(CORE_VERSION);
                    }
                    out.put(group, List.copyOf(versions));
                }
            }
            out.putIfAbsent("", List.of(CORE_VERSION));
            byGroupVersion.putAll(kinds);
            return Map.copyOf(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null; // the per-group-version path asks again and reports the error
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode aggregatedList(
            io.fabric8.kubernetes.client.http.HttpResponse<String> response) throws java.io.IOException {
        String type = response.header("Content-Type");
        if (!response.isSuccessful() || type == null || !type.contains("as=APIGroupDiscoveryList")) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode list = io.jenkins.plugins.gitops.engine.model.Yaml.JSON
                .readTree(response.body());
        return "APIGroupDiscoveryList".equals(list.path("kind").asText()) ? list : null;
    }

    private static List<String> versions(APIGroup g) {
        List<String> versions = new ArrayList<>();
        if (g.getPreferredVersion() != null && g.getPreferredVersion().getVersion() != null) {
            versions.add(g.getPreferredVersion().getVersion());
        }
        if (g.getVersions() != null) {
            for (GroupVersionForDiscovery v : g.getVersions()) {
                if (v.getVersion() != null && !versions.contains(v.getVersion())) {
                    versions.add(v.getVersion());
                }
            }
        }
        return List.copyOf(versions);
    }

    private <T> T call(String verb, java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null; // group version not served (yet)
            }
            throw ClusterErrors.translate(e, verb, null, server, redactor);
        }
    }

    private ClusterException unknown(String what) {
        return new ClusterException(Reason.UNKNOWN_KIND, server, null, 0, "cluster " + server + " does not serve "
                + what + "; is the CustomResourceDefinition installed?", null);
    }
}
