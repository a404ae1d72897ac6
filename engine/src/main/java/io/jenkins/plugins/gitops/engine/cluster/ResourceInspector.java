package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.view.ResourceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a resource details page shows from the application's cluster, through the cluster's configured
 * connection: the live object, the Kubernetes events about it (newest first) and, for Pods, the last lines of a
 * container's log. Every failure becomes a {@link ClusterException} with one line naming the resource; log text
 * passes through the connection's {@link SecretRedactor} before it leaves here.
 */
public final class ResourceInspector {

    /** The most log lines a page asks for. */
    public static final int MAX_TAIL_LINES = 1000;

    private final ClusterConnection connection;

    public ResourceInspector(ClusterConnection connection) {
        this.connection = connection;
    }

    /** The live object, empty when the cluster has none. */
    public Optional<KubeObject> live(ResourceKey key) {
        ApiResource api = connection.discovery().resolve(key);
        try {
            KubernetesClient client = connection.client();
            var all = client.genericKubernetesResources(api.toResourceDefinitionContext());
            GenericKubernetesResource r = api.namespaced() ? all.inNamespace(key.namespace()).withName(key.name()).get()
                    : all.withName(key.name()).get();
            if (r == null) {
                return Optional.empty();
            }
            ObjectNode node = (ObjectNode) Yaml.JSON.readTree(client.getKubernetesSerialization().asJson(r));
            return Optional.of(new KubeObject(node, "live"));
        } catch (KubernetesClientException e) {
            throw failure("reading", key, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the API server's answer for " + key + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Events whose involved object is {@code key}, newest first (at most {@code limit}). */
    public List<ResourceEvent> events(ResourceKey key, int limit) {
        if (key.namespace().isEmpty()) {
            return List.of();
        }
        try {
            List<Event> items = connection.client().v1().events().inNamespace(key.namespace())
                    .withField("involvedObject.name", key.name())
                    .withField("involvedObject.kind", key.kind())
                    .list().getItems();
            List<ResourceEvent> events = new ArrayList<>();
            for (Event e : items) {
                events.add(new ResourceEvent(text(e.getType()), text(e.getReason()),
                        connection.redactor().redact(text(e.getMessage())),
                        e.getCount() == null ? 1 : e.getCount(), lastSeen(e),
                        e.getSource() == null ? "" : text(e.getSource().getComponent())));
            }
            events.sort(Comparator.comparing(ResourceEvent::lastSeen).reversed());
            return events.size() <= limit ? events : events.subList(0, limit);
        } catch (KubernetesClientException e) {
            throw failure("listing events of", key, e);
        }
    }

    /** The last {@code tailLines} lines of {@code container} of the Pod {@code pod}, secrets masked. */
    public String logs(ResourceKey pod, String container, int tailLines) {
        int lines = Math.max(1, Math.min(MAX_TAIL_LINES, tailLines));
        try {
            String log = connection.client().pods().inNamespace(pod.namespace()).withName(pod.name())
                    .inContainer(container).tailingLines(lines).getLog();
            return connection.redactor().redact(log == null ? "" : log);
        } catch (KubernetesClientException e) {
            throw failure("reading the log of container " + container + " of", pod, e);
        }
    }

    /** The most bytes one read of a followed log returns (the kubelet's {@code limitBytes}). */
    public static final int MAX_READ_BYTES = 1024 * 1024;

    /**
     * Follows a container's log: from {@link LogCursor#START} the last {@code tailLines} lines, from any other cursor
     * only the lines written after it (read with the kubelet's {@code sinceTime} and {@code timestamps}, so a page
     * appends them instead of fetching the whole tail again). Secrets masked; the cursor to pass next time.
     */
    public LogCursor.Read follow(ResourceKey pod, String container, int tailLines, LogCursor cursor) {
        int lines = Math.max(1, Math.min(MAX_TAIL_LINES, tailLines));
        try {
            var log = connection.client().pods().inNamespace(pod.namespace()).withName(pod.name())
                    .inContainer(container).usingTimestamps().limitBytes(MAX_READ_BYTES);
            String text = cursor.isStart() ? log.tailingLines(lines).getLog()
                    : log.sinceTime(cursor.sinceTime()).getLog();
            LogCursor.Read read = cursor.after(text);
            return new LogCursor.Read(connection.redactor().redact(read.text()), read.lines(), read.next());
        } catch (KubernetesClientException e) {
            throw failure("reading the log of container " + container + " of", pod, e);
        }
    }

    /**
     * The last {@code tailLines} lines of a hook's log: for a Pod its first container's, for a Job the newest of its
     * Pods' (label {@code job-name}). A line saying why when there is none to read; never throws.
     */
    public String hookLogTail(ResourceKey hook, int tailLines) {
        try {
            ResourceKey pod = hook;
            if ("Job".equals(hook.kind()) && "batch".equals(hook.group())) {
                var pods = connection.client().pods().inNamespace(hook.namespace())
                        .withLabel("job-name", hook.name()).list().getItems();
                var newest = pods.stream().max(Comparator.comparing(
                        (io.fabric8.kubernetes.api.model.Pod p) -> text(p.getMetadata().getCreationTimestamp())));
                if (newest.isEmpty()) {
                    return "(no Pod of Job " + hook.name() + " left to read logs from)";
                }
                pod = new ResourceKey("", "Pod", hook.namespace(), newest.get().getMetadata().getName());
            } else if (!"Pod".equals(hook.kind()) || !hook.group().isEmpty()) {
                return "";
            }
            var found = connection.client().pods().inNamespace(pod.namespace()).withName(pod.name()).get();
            if (found == null || found.getSpec() == null || found.getSpec().getContainers().isEmpty()) {
                return "(Pod " + pod.name() + " is gone)";
            }
            return logs(pod, found.getSpec().getContainers().get(0).getName(), tailLines);
        } catch (RuntimeException e) {
            return "logs unavailable: " + connection.redactor().redact(String.valueOf(e.getMessage()));
        }
    }

    private ClusterException failure(String verb, ResourceKey key, KubernetesClientException e) {
        return ClusterErrors.translate(e, verb, key, connection.name(), connection.redactor());
    }

    private static String lastSeen(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        return e.getFirstTimestamp() == null ? "" : e.getFirstTimestamp();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
