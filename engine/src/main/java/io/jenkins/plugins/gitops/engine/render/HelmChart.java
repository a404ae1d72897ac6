package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Helm chart directory as far as rendering needs to know it without Helm: its name, its declared dependencies and
 * whether they are vendored under {@code charts/}, and its CRDs ({@code crds/} of the chart and of every enabled
 * subchart, which {@code helm template --include-crds} emits first and the embedded Helm does not).
 *
 * <p>Subcharts are enabled unless their dependency's {@code condition} (first path that resolves to a boolean) or,
 * without one, all its {@code tags} are false in the merged values - Helm's rule. The merged values used here are an
 * approximation built in Java (chart values.yaml plus the application's layers); they only decide which CRDs appear.
 */
final class HelmChart {

    private static final Pattern MANIFEST = Pattern.compile(".*\\.(yaml|yml|json)$");
    private static final Pattern TGZ_CRD = Pattern.compile("^[^/]+/crds/.+\\.(yaml|yml|json)$");

    record Dependency(String name, String alias, String condition, List<String> tags) {}

    private HelmChart() {}

    /** Chart.yaml of {@code dir}; {@code display} names the directory in errors. */
    static ObjectNode chartYaml(Path dir, String display) {
        ObjectNode chart = readMapping(dir.resolve("Chart.yaml"), display + "/Chart.yaml");
        if (chart == null) {
            throw new RenderException("no Chart.yaml in '" + display + "'");
        }
        return chart;
    }

    /** Declared dependencies: Chart.yaml {@code dependencies} (apiVersion v2) or requirements.yaml (v1). */
    static List<Dependency> dependencies(Path dir, ObjectNode chart, String display) {
        JsonNode deps = chart.get("dependencies");
        if (deps == null || deps.isNull()) {
            ObjectNode req = readMapping(dir.resolve("requirements.yaml"), display + "/requirements.yaml");
            deps = req == null ? null : req.get("dependencies");
        }
        List<Dependency> out = new ArrayList<>();
        if (deps != null && deps.isArray()) {
            for (JsonNode d : deps) {
                List<String> tags = new ArrayList<>();
                d.path("tags").forEach(t -> tags.add(t.asText()));
                out.add(new Dependency(d.path("name").asText(), d.path("alias").asText(""),
                        d.path("condition").asText(""), tags));
            }
        }
        return out;
    }

    /** Fails naming every declared dependency that has no chart of that name under {@code charts/}. */
    static void checkVendored(Path dir, String display) {
        ObjectNode chart = chartYaml(dir, display);
        List<String> missing = new ArrayList<>();
        Map<String, Path> vendored = subcharts(dir, display);
        for (Dependency d : dependencies(dir, chart, display)) {
            if (!vendored.containsKey(d.name())) {
                missing.add(d.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new RenderException("chart '" + display + "' declares dependencies that are not vendored under "
                    + "charts/: " + String.join(", ", missing) + ". Fetching chart dependencies is not supported: run "
                    + "'helm dependency build' and commit the charts/ directory");
        }
    }

    /** Subchart name (from its own Chart.yaml) to its directory or .tgz under {@code charts/}, in name order. */
    static Map<String, Path> subcharts(Path dir, String display) {
        Map<String, Path> out = new java.util.LinkedHashMap<>();
        Path charts = dir.resolve("charts");
        if (!Files.isDirectory(charts)) {
            return out;
        }
        for (Path p : WorkingCopy.list(charts)) {
            String file = p.getFileName().toString();
            if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("Chart.yaml"))) {
                out.put(chartYaml(p, display + "/charts/" + file).path("name").asText(file), p);
            } else if (file.endsWith(".tgz")) {
                out.put(packagedName(p, display + "/charts/" + file), p);
            }
        }
        return out;
    }

    private static String packagedName(Path tgz, String display) {
        try {
            Map<String, String> files = TarGzEntries.read(tgz, n -> n.matches("^[^/]+/Chart\\.yaml$"));
            for (String text : files.values()) {
                JsonNode chart = Yaml.YAML.readTree(text);
                if (chart != null && chart.hasNonNull("name")) {
                    return chart.get("name").asText();
                }
            }
            throw new RenderException("'" + display + "' is not a packaged chart (no Chart.yaml)");
        } catch (IOException e) {
            throw new RenderException("'" + display + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The CRDs of the chart in {@code dir} and its enabled subcharts. {@code source} maps a path relative to the
     * top chart directory to the name objects carry.
     */
    static List<KubeObject> crds(Path dir, String rel, ObjectNode values, Function<String, String> source) {
        List<KubeObject> out = new ArrayList<>();
        Path crds = dir.resolve("crds");
        if (Files.isDirectory(crds)) {
            try (Stream<Path> s = Files.walk(crds)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    if (MANIFEST.matcher(f.getFileName().toString()).matches()) {
                        String name = source.apply(rel + dir.relativize(f).toString().replace('\\', '/'));
                        out.addAll(ManifestParser.yaml(Files.readString(f), name));
                    }
                }
            } catch (IOException e) {
                throw new RenderException("cannot read CRDs of '" + source.apply(rel) + "': " + e.getMessage(), e);
            }
        }
        ObjectNode chart = chartYaml(dir, source.apply(rel.isEmpty() ? "." : rel));
        List<Dependency> deps = dependencies(dir, chart, source.apply(rel));
        for (Map.Entry<String, Path> sub : subcharts(dir, source.apply(rel)).entrySet()) {
            Dependency dep = deps.stream().filter(d -> d.name().equals(sub.getKey())).findFirst().orElse(null);
            if (dep != null && !enabled(dep, values)) {
                continue;
            }
            String key = dep != null && !dep.alias().isEmpty() ? dep.alias() : sub.getKey();
            Path p = sub.getValue();
            String subRel = rel + "charts/" + p.getFileName() + "/";
            if (Files.isDirectory(p)) {
                ObjectNode subValues = mergeMaps(valuesYaml(p, source.apply(subRel)), values.path(key));
                out.addAll(crds(p, subRel, subValues, source));
            } else {
                out.addAll(packagedCrds(p, source.apply(rel + "charts/" + p.getFileName())));
            }
        }
        return out;
    }

    private static List<KubeObject> packagedCrds(Path tgz, String display) {
        List<KubeObject> out = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : TarGzEntries.read(tgz, n -> TGZ_CRD.matcher(n).matches()).entrySet()) {
                out.addAll(ManifestParser.yaml(e.getValue(), display + "#" + e.getKey()));
            }
        } catch (IOException e) {
            throw new RenderException("'" + display + "' cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** Helm's rule: conditions first (first resolvable path wins), else tags (enabled if any tag is true). */
    static boolean enabled(Dependency dep, JsonNode values) {
        for (String path : dep.condition().split(",")) {
            JsonNode v = lookup(values, path.trim());
            if (v != null && v.isBoolean()) {
                return v.booleanValue();
            }
        }
        if (dep.tags().isEmpty()) {
            return true;
        }
        boolean anySet = false;
        for (String tag : dep.tags()) {
            JsonNode v = values.path("tags").get(tag);
            if (v != null && v.isBoolean()) {
                if (v.booleanValue()) {
                    return true;
                }
                anySet = true;
            }
        }
        return !anySet;
    }

    private static JsonNode lookup(JsonNode values, String path) {
        if (path.isEmpty()) {
            return null;
        }
        JsonNode cur = values;
        for (String part : path.split("\\.")) {
            cur = cur == null ? null : cur.get(part);
        }
        return cur;
    }

    /** The chart's own values.yaml (empty when absent). */
    static ObjectNode valuesYaml(Path dir, String display) {
        ObjectNode v = readMapping(dir.resolve("values.yaml"), display + "/values.yaml");
        return v == null ? Yaml.YAML.createObjectNode() : v;
    }

    /** Helm's {@code mergeMaps}: maps merge recursively, anything else in {@code b} replaces. Returns a new tree. */
    static ObjectNode mergeMaps(JsonNode a, JsonNode b) {
        ObjectNode out = a != null && a.isObject() ? ((ObjectNode) a).deepCopy() : Yaml.YAML.createObjectNode();
        if (b == null || !b.isObject()) {
            return out;
        }
        b.fields().forEachRemaining(e -> {
            JsonNode existing = out.get(e.getKey());
            if (e.getValue().isObject() && existing != null && existing.isObject()) {
                out.set(e.getKey(), mergeMaps(existing, e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    /** Reads a YAML mapping file; null when the file does not exist. */
    static ObjectNode readMapping(Path file, String display) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode n = io.jenkins.plugins.gitops.engine.model.YamlTree.readTree(Files.readString(file));
            if (n == null || n.isNull() || n.isMissingNode()) {
                return Yaml.YAML.createObjectNode();
            }
            if (!n.isObject()) {
                throw new RenderException(display + ": expected a mapping");
            }
            return (ObjectNode) n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RenderException(display + ": YAML syntax error"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": "
                    + ManifestParser.problem(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new RenderException(display + ": cannot read: " + e.getMessage(), e);
        }
    }
}
