package io.jenkins.plugins.gitops.bench.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A deterministic set of realistic manifests: "services" numbered from 0, each a Deployment, a Service and a
 * ConfigMap of the same name, until the requested object count is reached. Even-numbered services are bundled in one
 * three-document file, odd-numbered ones get one file per object, spread over {@code team-NN/} directories. Objects
 * carry {@code namespace} when one is given (otherwise the destination namespace applies).
 */
public final class ManifestCorpus {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PART_OF = "gitops-bench";

    /** One manifest file: its path below the corpus root and its documents. */
    public record ManifestFile(String path, List<KubeObject> documents) {
        /** The file's YAML text, documents separated by {@code ---}. */
        public String yaml() {
            return documents.stream().map(d -> Yaml.write(d.node())).collect(Collectors.joining("---\n"));
        }
    }

    private final List<ManifestFile> files;
    private final int objectCount;

    private ManifestCorpus(List<ManifestFile> files) {
        this.files = List.copyOf(files);
        this.objectCount = files.stream().mapToInt(f -> f.documents().size()).sum();
    }

    /**
     * @param objects number of objects (at least 1)
     * @param teams number of {@code team-NN} directories
     * @param namespace namespace written into every object; null for none
     */
    public static ManifestCorpus generate(int objects, int teams, String namespace) {
        if (objects < 1 || teams < 1) {
            throw new IllegalArgumentException("need at least one object and one team directory");
        }
        List<ManifestFile> files = new ArrayList<>();
        int made = 0;
        for (int unit = 0; made < objects; unit++) {
            String name = String.format(Locale.ROOT, "svc-%05d", unit);
            String team = String.format(Locale.ROOT, "team-%02d", unit % teams);
            List<ObjectNode> docs = new ArrayList<>(List.of(deployment(name, team, unit), service(name, team),
                    configMap(name, team, unit)));
            docs = docs.subList(0, Math.min(docs.size(), objects - made));
            made += docs.size();
            if (namespace != null) {
                docs.forEach(d -> ((ObjectNode) d.get("metadata")).put("namespace", namespace));
            }
            if (unit % 2 == 0) {
                String path = team + "/" + name + ".yaml";
                files.add(new ManifestFile(path, docs.stream().map(d -> new KubeObject(d, path)).toList()));
            } else {
                for (ObjectNode d : docs) {
                    String path = team + "/" + name + "-" + d.get("kind").asText().toLowerCase(Locale.ROOT) + ".yaml";
                    files.add(new ManifestFile(path, List.of(new KubeObject(d, path))));
                }
            }
        }
        return new ManifestCorpus(files);
    }

    public List<ManifestFile> files() {
        return files;
    }

    public int objectCount() {
        return objectCount;
    }

    /** Every object, in file order, each with its file as source. */
    public List<KubeObject> objects() {
        return files.stream().flatMap(f -> f.documents().stream()).toList();
    }

    /** This corpus with every object transformed (for example stamped with a tracking annotation). */
    public ManifestCorpus map(UnaryOperator<KubeObject> change) {
        return new ManifestCorpus(files.stream()
                .map(f -> new ManifestFile(f.path(), f.documents().stream().map(change).toList()))
                .toList());
    }

    /** Writes every file below {@code root}; returns the number of files. */
    public int writeTo(Path root) throws IOException {
        for (ManifestFile f : files) {
            Path file = root.resolve(f.path());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.yaml(), StandardCharsets.UTF_8);
        }
        return files.size();
    }

    private static ObjectNode metadata(String name, String team) {
        ObjectNode meta = NODES.objectNode().put("name", name);
        meta.putObject("labels").put("app.kubernetes.io/name", name).put("app.kubernetes.io/part-of", PART_OF)
                .put("team", team);
        return meta;
    }

    private static ObjectNode deployment(String name, String team, int unit) {
        ObjectNode d = NODES.objectNode().put("apiVersion", "apps/v1").put("kind", "Deployment");
        d.set("metadata", metadata(name, team));
        ObjectNode spec = d.putObject("spec").put("replicas", 2);
        spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app.kubernetes.io/name", name).put("team", team);
        ObjectNode pod = template.putObject("spec");
        ObjectNode c = pod.putArray("containers").addObject().put("name", "app")
                .put("image", "registry.example.com/" + team + "/" + name + ":1." + (unit % 7) + "." + (unit % 13));
        c.putArray("ports").addObject().put("name", "http").put("containerPort", 8080).put("protocol", "TCP");
        ArrayNode env = c.putArray("env");
        env.addObject().put("name", "CONFIG_PATH").put("value", "/etc/" + name);
        env.addObject().put("name", "LOG_LEVEL").put("value", unit % 5 == 0 ? "debug" : "info");
        ObjectNode resources = c.putObject("resources");
        resources.putObject("requests").put("cpu", "100m").put("memory", "128Mi");
        resources.putObject("limits").put("cpu", "500m").put("memory", "256Mi");
        c.putObject("readinessProbe").put("periodSeconds", 10).putObject("httpGet").put("path", "/healthz")
                .put("port", "http");
        c.putArray("volumeMounts").addObject().put("name", "config").put("mountPath", "/etc/" + name);
        pod.putArray("volumes").addObject().put("name", "config").putObject("configMap").put("name", name);
        return d;
    }

    private static ObjectNode service(String name, String team) {
        ObjectNode s = NODES.objectNode().put("apiVersion", "v1").put("kind", "Service");
        s.set("metadata", metadata(name, team));
        ObjectNode spec = s.putObject("spec").put("type", "ClusterIP");
        spec.putObject("selector").put("app.kubernetes.io/name", name);
        spec.putArray("ports").addObject().put("name", "http").put("port", 80).put("targetPort", "http")
                .put("protocol", "TCP");
        return s;
    }

    private static ObjectNode configMap(String name, String team, int unit) {
        ObjectNode cm = NODES.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.set("metadata", metadata(name, team));
        ObjectNode data = cm.putObject("data");
        data.put("LOG_FORMAT", "json");
        data.put("FEATURE_FLAGS", "search,checkout" + (unit % 3 == 0 ? ",beta" : ""));
        data.put("UPSTREAM_URL", "http://" + name + "-upstream." + team + ".svc.cluster.local:8080");
        data.put("application.properties", "server.port=8080\nmanagement.port=9090\nservice.name=" + name
                + "\nservice.team=" + team + "\ncache.ttl.seconds=" + (60 + unit % 240) + "\n");
        return cm;
    }
}
