package io.jenkins.plugins.gitops.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Readable test objects. A spec is {@code Kind/name} or {@code Kind/namespace/name}, optionally followed by
 * {@code @wave}; e.g. {@code Deployment/shop/web@2}. Tasks print back in the same form (see {@link #describe}).
 */
final class TestObjects {

    private static final Map<String, String> API_VERSIONS = Map.of(
            "Deployment", "apps/v1",
            "StatefulSet", "apps/v1",
            "DaemonSet", "apps/v1",
            "Job", "batch/v1",
            "Ingress", "networking.k8s.io/v1",
            "ClusterRole", "rbac.authorization.k8s.io/v1",
            "CustomResourceDefinition", "apiextensions.k8s.io/v1");
    private static final List<String> CORE = List.of(
            "Namespace", "ConfigMap", "Secret", "Service", "ServiceAccount", "Pod", "PersistentVolumeClaim");

    private TestObjects() {}

    /** An object from a spec; unknown kinds become custom resources of group example.com. */
    static KubeObject obj(String spec, String... annotations) {
        String wave = null;
        int at = spec.indexOf('@');
        if (at >= 0) {
            wave = spec.substring(at + 1);
            spec = spec.substring(0, at);
        }
        String[] parts = spec.split("/");
        String kind = parts[0];
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("apiVersion", apiVersion(kind));
        node.put("kind", kind);
        ObjectNode meta = node.putObject("metadata");
        meta.put("name", parts[parts.length - 1]);
        if (parts.length == 3) {
            meta.put("namespace", parts[1]);
        }
        ObjectNode ann = meta.putObject("annotations");
        if (wave != null) {
            ann.put(AnnotationNames.SYNC_WAVE, wave);
        }
        for (String a : annotations) {
            int eq = a.indexOf('=');
            ann.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return new KubeObject(node, "test/" + kind.toLowerCase() + ".yaml");
    }

    /** Several objects from specs without annotations. */
    static List<KubeObject> objs(String... specs) {
        return Arrays.stream(specs).map(TestObjects::obj).toList();
    }

    static String apiVersion(String kind) {
        if (CORE.contains(kind)) {
            return "v1";
        }
        return API_VERSIONS.getOrDefault(kind, "example.com/v1");
    }

    /** A CRD defining {@code kind} in group example.com. */
    static KubeObject crd(String kind, String wave) {
        KubeObject crd = wave == null ? obj("CustomResourceDefinition/" + kind.toLowerCase() + "s.example.com")
                : obj("CustomResourceDefinition/" + kind.toLowerCase() + "s.example.com@" + wave);
        ObjectNode node = crd.mutableCopy();
        ObjectNode spec = node.putObject("spec");
        spec.put("group", "example.com");
        spec.putObject("names").put("kind", kind);
        return new KubeObject(node, crd.source());
    }

    /** A task printed as {@code [Phase:][prune ]Kind/name@wave}; the phase is left out for Sync. */
    static String describe(SyncTask task) {
        String phase = task.phase() == SyncPhase.Sync ? "" : task.phase() + ":";
        String ns = task.key().namespace().isEmpty() ? "" : task.key().namespace() + "/";
        return phase + (task.isPrune() ? "prune " : "") + task.kind() + "/" + ns + task.name() + "@" + task.wave();
    }

    static List<String> describe(List<SyncTask> tasks) {
        return tasks.stream().map(TestObjects::describe).toList();
    }

    /** Objects of a multi-document YAML fixture under this package's test resources. */
    static List<KubeObject> fixture(String name) {
        String path = "/io/jenkins/plugins/gitops/engine/sync/" + name;
        try (InputStream in = TestObjects.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing fixture " + path);
            }
            List<KubeObject> out = new ArrayList<>();
            MappingIterator<JsonNode> docs = Yaml.YAML.readerFor(JsonNode.class).readValues(in);
            for (JsonNode doc : docs.readAll()) {
                if (doc != null && doc.isObject()) {
                    out.add(new KubeObject((ObjectNode) doc, name));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
