package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code helm dependency build} for a chart copy: every dependency declared in Chart.yaml (or requirements.yaml) that
 * is not vendored under {@code charts/} is fetched into it, at the version its lock file (Chart.lock or
 * requirements.lock) records, or - without a lock file - at the highest version its constraint allows.
 *
 * <p>Repositories, as Helm reads them: {@code https://} and {@code http://} chart repositories and {@code oci://}
 * registries through {@link ChartRepositories} (credentials by URL prefix, archives cached by digest);
 * {@code file://<path>} a chart directory relative to the chart, which must stay inside the Git repository.
 * Named repositories ({@code @name}, {@code alias:name}) need a local Helm repository list that GitOps Sync does not
 * keep, so they are an error naming the dependency. A lock file that lacks a declared dependency is out of sync with
 * Chart.yaml, as {@code helm dependency build} reports.
 */
final class ChartDependencies {

    /** One declared dependency with the repository and version constraint Chart.yaml gives it. */
    record Declared(String name, String repository, String version) {}

    private ChartDependencies() {}

    /**
     * Fetches the missing dependencies of the chart in {@code chart} (a private copy). {@code original} is the chart
     * directory in the repository (for {@code file://} paths), {@code display} names it in errors.
     */
    static void build(Path chart, AppDirectory app, Path original, String display, ChartRepositories repositories) {
        ObjectNode chartYaml = HelmChart.chartYaml(chart, display);
        List<Declared> declared = declared(chartYaml, HelmChart.readMapping(chart.resolve("requirements.yaml"),
                display + "/requirements.yaml"));
        if (declared.isEmpty()) {
            return;
        }
        Map<String, Path> vendored = HelmChart.subcharts(chart, display);
        Map<String, String> locked = locked(chart, display);
        List<Declared> missing = declared.stream().filter(d -> !vendored.containsKey(d.name())).toList();
        for (Declared d : missing) {
            String where = "chart '" + display + "' dependency '" + d.name() + "'";
            String repo = d.repository();
            if (repo.isEmpty()) {
                throw new RenderException(where + " has no repository and is not vendored under charts/");
            }
            if (repo.startsWith("@") || repo.startsWith("alias:")) {
                throw new RenderException(where + " names the repository '" + repo + "' by name; Helm repository "
                        + "names are not configured here: use the repository URL");
            }
            if (repo.startsWith("file://")) {
                copyLocal(chart, app, original, repo.substring("file://".length()), d, where);
                continue;
            }
            if (!(repo.startsWith("https://") || repo.startsWith("http://") || repo.startsWith("oci://"))) {
                throw new RenderException(where + ": unsupported repository '" + repo
                        + "' (https://, oci:// or file://)");
            }
            String version = d.version();
            if (locked != null) {
                version = locked.get(d.name() + "\n" + repo);
                if (version == null) {
                    throw new RenderException("chart '" + display + "': the lock file is out of sync with the "
                            + "dependencies in Chart.yaml ('" + d.name() + "' from " + repo + " is not locked); run "
                            + "'helm dependency update' and commit the lock file");
                }
            }
            Path archive;
            try {
                archive = repositories.fetch(repo, d.name(), version);
            } catch (RenderException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new RenderException(where + ": " + e.getMessage(), e);
            }
            try {
                Path charts = Files.createDirectories(chart.resolve("charts"));
                Files.copy(archive, charts.resolve(d.name() + "-" + archive.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new RenderException(where + ": cannot add it to charts/: " + e.getMessage(), e);
            }
        }
    }

    static List<Declared> declared(ObjectNode chartYaml, ObjectNode requirements) {
        JsonNode deps = chartYaml.get("dependencies");
        if ((deps == null || deps.isNull()) && requirements != null) {
            deps = requirements.get("dependencies");
        }
        List<Declared> out = new ArrayList<>();
        if (deps != null && deps.isArray()) {
            for (JsonNode d : deps) {
                out.add(new Declared(d.path("name").asText(), d.path("repository").asText("").trim(),
                        d.path("version").asText("").trim()));
            }
        }
        return out;
    }

    /** "name\nrepository" to the locked version; null when there is no lock file. */
    private static Map<String, String> locked(Path chart, String display) {
        ObjectNode lock = HelmChart.readMapping(chart.resolve("Chart.lock"), display + "/Chart.lock");
        if (lock == null) {
            lock = HelmChart.readMapping(chart.resolve("requirements.lock"), display + "/requirements.lock");
        }
        if (lock == null) {
            return null;
        }
        Map<String, String> out = new HashMap<>();
        for (JsonNode d : lock.path("dependencies")) {
            out.put(d.path("name").asText() + "\n" + d.path("repository").asText("").trim(),
                    d.path("version").asText());
        }
        return out;
    }

    private static void copyLocal(Path chart, AppDirectory app, Path original, String relative, Declared d,
            String where) {
        if (app == null) {
            throw new RenderException(where + ": file:// dependencies must be vendored in a packaged chart");
        }
        Path source = original.resolve(relative).normalize();
        if (!source.startsWith(app.repoRoot())) {
            throw new RenderException(where + ": file://" + relative + " leaves the repository");
        }
        if (!Files.isDirectory(source)) {
            throw new RenderException(where + ": file://" + relative + " is not a chart directory");
        }
        WorkingCopy.copyTree(app, source, chart.resolve("charts").resolve(d.name()));
    }
}
