package io.jenkins.plugins.gitops.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.ArrayList;
import java.util.List;

/**
 * What the details page of one resource shows: its live and desired manifests as YAML, the part of the
 * application's diff about it, its events and, for Pods, its containers (for the log selector).
 *
 * <p>Secrets never reach the page: a Secret's {@code data} and {@code stringData} values become
 * {@link #MASK}, and the {@code kubectl.kubernetes.io/last-applied-configuration} annotation of a Secret (which
 * repeats them) is masked too. {@code metadata.managedFields} is left out as Argo CD does; the diff comes from the
 * engine's comparison, where Secret values are already masked.
 */
public final class ResourceDetails {

    public static final String MASK = "++++++++";
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final ResourceKey key;
    private final String liveYaml;
    private final String desiredYaml;
    private final String diff;
    private final List<ResourceEvent> events;
    private final List<String> containers;

    public ResourceDetails(ResourceKey key, KubeObject live, KubeObject desired, String appDiff,
            List<ResourceEvent> events) {
        this.key = key;
        this.liveYaml = live == null ? "" : manifest(live);
        this.desiredYaml = desired == null ? "" : manifest(desired);
        this.diff = diffOf(appDiff, key);
        this.events = events == null ? List.of() : List.copyOf(events);
        this.containers = live == null ? List.of() : containers(live);
    }

    /** The object as YAML for reading: without managedFields, Secret values masked. */
    public static String manifest(KubeObject object) {
        ObjectNode copy = object.mutableCopy();
        JsonNode meta = copy.get("metadata");
        if (meta instanceof ObjectNode m) {
            m.remove("managedFields");
        }
        if ("Secret".equals(object.kind()) && object.group().isEmpty()) {
            for (String field : List.of("data", "stringData")) {
                if (copy.get(field) instanceof ObjectNode values) {
                    List<String> names = new ArrayList<>();
                    values.fieldNames().forEachRemaining(names::add);
                    names.forEach(n -> values.put(n, MASK));
                } else if (copy.has(field)) {
                    copy.put(field, MASK);
                }
            }
            if (meta instanceof ObjectNode m && m.get("annotations") instanceof ObjectNode a && a.has(LAST_APPLIED)) {
                a.put(LAST_APPLIED, MASK);
            }
        }
        return Yaml.write(copy);
    }

    /**
     * The sections of a unified application diff that concern {@code key}: from its {@code --- live <key>} header to
     * the next resource's header. Empty when the resource has no difference.
     */
    public static String diffOf(String appDiff, ResourceKey key) {
        if (appDiff == null || appDiff.isEmpty()) {
            return "";
        }
        String header = "--- live " + key;
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : appDiff.split("\n", -1)) {
            if (line.startsWith("--- live ")) {
                inside = line.equals(header) || line.startsWith(header + " (");
            }
            if (inside) {
                out.append(line).append('\n');
            }
        }
        String s = out.toString();
        return s.endsWith("\n\n") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * The rendered object {@code key} names: same group, kind and name, and the same namespace or none when
     * {@code key} is in the destination namespace (manifests usually leave the namespace out).
     */
    public static KubeObject findDesired(List<KubeObject> desired, ResourceKey key, String destinationNamespace) {
        String dest = destinationNamespace == null ? "" : destinationNamespace;
        for (KubeObject o : desired) {
            if (o.kind().equals(key.kind()) && o.group().equals(key.group()) && o.name().equals(key.name())
                    && (o.namespace().equals(key.namespace())
                            || (o.namespace().isEmpty() && key.namespace().equals(dest)))) {
                return o;
            }
        }
        return null;
    }

    /** Container names of a Pod (init containers first), empty for other kinds. */
    static List<String> containers(KubeObject live) {
        if (!"Pod".equals(live.kind()) || !live.group().isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String field : List.of("/spec/initContainers", "/spec/containers")) {
            for (JsonNode c : live.at(field)) {
                String name = c.path("name").asText("");
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    public ResourceKey getKey() {
        return key;
    }

    public String getKind() {
        return key.kind();
    }

    public String getName() {
        return key.name();
    }

    public String getNamespace() {
        return key.namespace();
    }

    /** Live manifest, empty when the resource is not in the cluster. */
    public String getLiveYaml() {
        return liveYaml;
    }

    /** Desired manifest from Git, empty for objects Git does not declare (ReplicaSets, Pods, extraneous ones). */
    public String getDesiredYaml() {
        return desiredYaml;
    }

    public String getDiff() {
        return diff;
    }

    public List<ResourceEvent> getEvents() {
        return events;
    }

    /** Containers of a Pod, for the log selector; empty for other kinds. */
    public List<String> getContainers() {
        return containers;
    }

    public boolean isPod() {
        return "Pod".equals(key.kind()) && key.group().isEmpty();
    }
}
