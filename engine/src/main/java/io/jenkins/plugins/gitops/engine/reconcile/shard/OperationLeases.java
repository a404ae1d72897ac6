package io.jenkins.plugins.gitops.engine.reconcile.shard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseList;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.reconcile.OperationHandover;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link OperationHandover} on Lease objects next to the shard leases (so the controllers need no permission beyond
 * the leases they already use): one Lease {@code gitops-operation-<hash of the application name>} per running manual
 * operation, labelled {@code gitops.jenkins.io/lease=operation}, its holder the controller that runs it, the request
 * as JSON in an annotation. Removal is conditional on the resourceVersion written, so a controller that comes back
 * after losing its shard cannot remove the record the new holder rewrote.
 */
final class OperationLeases implements OperationHandover {

    static final String PREFIX = "gitops-operation-";
    static final String APPLICATION_ANNOTATION = "gitops.jenkins.io/application";
    static final String REQUEST_ANNOTATION = "gitops.jenkins.io/operation";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String namespace;
    private final String identity;
    private final EngineLog log;
    private final Clock clock;

    /** The request as stored: what a person asked (no local directory, never a dry run or an automated one). */
    record StoredRequest(boolean prune, String revision, List<String> revisions, List<StoredKey> resources,
            Long timeoutMillis, String initiatedBy, List<String> syncOptions) {

        static StoredRequest of(SyncRequest r) {
            return new StoredRequest(r.prune(), r.revision(), r.revisions(), r.resources().stream()
                    .map(k -> new StoredKey(k.group(), k.kind(), k.namespace(), k.name())).toList(),
                    r.timeout() == null ? null : r.timeout().toMillis(), r.initiatedBy(), r.syncOptions());
        }

        SyncRequest request() {
            return new SyncRequest(prune, false, revision, resources == null ? List.of() : resources.stream()
                    .map(k -> new ResourceKey(k.group(), k.kind(), k.namespace(), k.name())).toList(),
                    timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis), initiatedBy, false, null,
                    revisions, syncOptions);
        }
    }

    record StoredKey(String group, String kind, String namespace, String name) {
    }

    OperationLeases(KubernetesClient client, String namespace, String identity, EngineLog log, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.identity = identity;
        this.log = log;
        this.clock = clock;
    }

    /** The record's name: a DNS label from a hash of the application's name. */
    static String leaseName(String app) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(app.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Receipt> record(Application app, SyncRequest request) {
        if (!OperationHandover.carries(request)) {
            return Optional.empty();
        }
        String name = leaseName(app.name());
        try {
            Lease lease = new Lease();
            lease.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                    .withLabels(Map.of(ShardLeases.KIND_LABEL, "operation"))
                    .withAnnotations(Map.of(APPLICATION_ANNOTATION, app.name(),
                            REQUEST_ANNOTATION, JSON.writeValueAsString(StoredRequest.of(request))))
                    .build());
            LeaseSpec spec = new LeaseSpec();
            spec.setHolderIdentity(identity);
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
            spec.setAcquireTime(now);
            spec.setRenewTime(now);
            lease.setSpec(spec);
            Lease current = leases().withName(name).get();
            Lease written;
            if (current == null) {
                written = leases().resource(lease).create();
            } else {
                lease.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
                written = leases().resource(lease).update();
            }
            return Optional.of(new Receipt(app.name(), name, written.getMetadata().getResourceVersion()));
        } catch (JsonProcessingException | KubernetesClientException e) {
            log.warn(app.name() + ": the operation is not recorded for a take-over (lease " + name + " in "
                    + namespace + "): " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void done(Receipt receipt) {
        try {
            Lease current = leases().withName(receipt.name()).get();
            if (current != null && receipt.version().equals(current.getMetadata().getResourceVersion())) {
                // conditional: a newer record (another holder's) has another resourceVersion and is kept
                leases().resource(current).lockResourceVersion(receipt.version()).delete();
            }
        } catch (KubernetesClientException e) {
            log.warn(receipt.application() + ": the finished operation's record " + receipt.name()
                    + " was not removed: " + e.getMessage());
        }
    }

    @Override
    public List<Carried> pending(Collection<Application> apps) {
        if (apps.isEmpty()) {
            return List.of();
        }
        Set<String> names = apps.stream().map(Application::name).collect(Collectors.toSet());
        List<Carried> out = new ArrayList<>();
        try {
            for (Lease l : leases().withLabel(ShardLeases.KIND_LABEL, "operation").list().getItems()) {
                Map<String, String> a = l.getMetadata().getAnnotations();
                String app = a == null ? null : a.get(APPLICATION_ANNOTATION);
                if (app == null || !names.contains(app)) {
                    continue;
                }
                try {
                    StoredRequest stored = JSON.readValue(a.get(REQUEST_ANNOTATION), StoredRequest.class);
                    LeaseSpec spec = l.getSpec() == null ? new LeaseSpec() : l.getSpec();
                    out.add(new Carried(app, stored.request(), spec.getHolderIdentity(),
                            spec.getAcquireTime() == null ? null : spec.getAcquireTime().toInstant()));
                } catch (JsonProcessingException | RuntimeException e) {
                    log.warn(app + ": the operation recorded in lease " + l.getMetadata().getName()
                            + " is unreadable and is not resumed: " + e.getMessage());
                }
            }
        } catch (KubernetesClientException e) {
            log.warn("operations left by other controllers cannot be read from " + namespace + ": "
                    + e.getMessage());
        }
        return out;
    }

    private NonNamespaceOperation<Lease, LeaseList, Resource<Lease>> leases() {
        return client.resources(Lease.class, LeaseList.class).inNamespace(namespace);
    }

    @Override
    public String toString() {
        return "operation leases in " + namespace + " (" + identity + ")";
    }
}
