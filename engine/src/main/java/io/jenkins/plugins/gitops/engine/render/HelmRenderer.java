package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.jenkins.plugins.gitops.engine.model.HelmSource;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Helm charts in Git, rendered with the embedded Helm library (helm-java, no helm binary) as {@code helm template}.
 *
 * <p>Values, lowest precedence first, as Argo CD: the chart's values.yaml, {@code valueFiles} (see {@link
 * HelmValueFiles}), then {@code valuesObject} or - when there is none - {@code values} (Argo CD uses valuesObject
 * instead of values, it does not merge them), then {@code parameters} ({@code --set}, {@code --set-string}) and
 * {@code fileParameters} ({@code --set-file}) built by {@link HelmParameters}. The release name defaults to the
 * application name, the namespace to {@code helm.namespace}, else the destination namespace.
 *
 * <p>The chart is copied to a private directory first (symlinks dereferenced after checking they stay in the
 * repository). helm-java's template omits hooks and CRDs, so the copy hides hook annotations from Helm (and they are
 * restored in the output) and the CRDs are read by {@link HelmChart} unless {@code skipCrds}. Dependencies must be
 * vendored under {@code charts/}. helm-java runs in-process, so the {@code ARGOCD_APP_*} variables are not process
 * environment for Helm (templates cannot read the environment anyway); they are expanded in parameters and paths as
 * Argo CD does. {@code kubeVersion} and {@code apiVersions} cannot be passed to helm-java (see
 * {@link RenderSettings#strictHelmCapabilities()}); templates see Helm's default capabilities.
 */
public final class HelmRenderer implements ManifestRenderer {

    /** Stands in for {@code helm.sh/hook} in the chart copy so Helm renders hooks as ordinary manifests. */
    static final String HOOK_PLACEHOLDER = "gitops-render.invalid/helm-h00k";
    static final String HOOK_ANNOTATION = "helm.sh/hook";

    @Override
    public List<KubeObject> render(RenderContext context) {
        HelmSource helm = context.source().helm();
        AppDirectory app = context.appDirectory();
        checkCapabilities(helm, context);
        String chartName = context.source().chart();
        // a chart from a Helm repository is its own tree: objects are named after the chart, not a Git path
        String display = !chartName.isEmpty() ? chartName
                : app.relativePath().isEmpty() ? "." : app.relativePath();
        Function<String, String> source = rel -> rel.isEmpty() ? display
                : !chartName.isEmpty() ? chartName + "/" + strip(rel) : app.repoRelative(strip(rel));

        try (WorkingCopy copy = WorkingCopy.create(context.settings())) {
            Path chart = copy.root().resolve("chart");
            WorkingCopy.copyTree(app, app.dir(), chart);
            ChartDependencies.build(chart, app, app.dir(), display, context.chartRepositories());
            prepareCopy(chart);
            List<Path> valueFiles = new ArrayList<>(HelmValueFiles.resolve(context));
            ObjectNode merged = HelmChart.mergeMaps(HelmChart.valuesYaml(chart, display), null);
            for (Path f : valueFiles) {
                merged = HelmChart.mergeMaps(merged, HelmChart.readMapping(f, f.getFileName().toString()));
            }
            Path inline = inlineValues(helm, copy.root());
            if (inline != null) {
                valueFiles.add(inline);
                merged = HelmChart.mergeMaps(merged, HelmChart.readMapping(inline, "helm.values"));
            }
            HelmParameters params = parameters(helm, context);
            if (!params.isEmpty()) {
                Path p = write(copy.root().resolve("parameters.json"), Yaml.json(params.tree()));
                valueFiles.add(p);
                merged = HelmChart.mergeMaps(merged, params.tree());
            }
            for (java.util.Map.Entry<String, String> e : params.direct().entrySet()) {
                merged = HelmChart.mergeMaps(merged, directTree(e.getKey(), e.getValue()));
            }
            String output = template(chart, valueFiles, params.direct(), context, copy.root(), display);
            List<KubeObject> objects = new ArrayList<>();
            if (!helm.skipCrds()) {
                objects.addAll(HelmChart.crds(chart, "", merged, source));
            }
            objects.addAll(HelmOutput.parse(output.replace(HOOK_PLACEHOLDER, HOOK_ANNOTATION), display, source));
            return objects;
        }
    }

    private static String strip(String rel) {
        return rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
    }

    private static void checkCapabilities(HelmSource helm, RenderContext context) {
        List<String> fields = new ArrayList<>();
        if (!helm.kubeVersion().isEmpty()) {
            fields.add("helm.kubeVersion");
        }
        if (!helm.apiVersions().isEmpty()) {
            fields.add("helm.apiVersions");
        }
        if (fields.isEmpty()) {
            return;
        }
        String what = String.join(" and ", fields) + " cannot be passed to the embedded Helm (helm-java)";
        if (context.settings().strictHelmCapabilities()) {
            throw new RenderException(what + "; remove them, or turn off strict Helm capabilities to render with "
                    + "Helm's default capabilities");
        }
        context.warn(what + "; templates see Helm's default capabilities");
    }

    /** A one-key tree for a direct {@code --set}, only to approximate merged values for subchart conditions. */
    private static ObjectNode directTree(String name, String value) {
        HelmParameters one = new HelmParameters();
        one.setTyped(name, value);
        return one.tree();
    }

    private static String template(Path chart, List<Path> valueFiles, java.util.Map<String, String> sets,
            RenderContext context, Path tempRoot, String display) {
        HelmSource helm = context.source().helm();
        String release = helm.releaseName().isEmpty() ? context.application().name() : helm.releaseName();
        String namespace = helm.namespace().isEmpty() ? context.application().destination().namespace()
                : helm.namespace();
        HelmNativeLibrary.ensureLoaded(context.settings().helmNatives());
        TemplateCommand cmd = new Helm(chart).template().withName(release);
        if (!namespace.isEmpty()) {
            cmd = cmd.withNamespace(namespace);
        }
        for (Path f : valueFiles) {
            cmd = cmd.withValuesFile(f);
        }
        for (java.util.Map.Entry<String, String> e : sets.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        try {
            return cmd.call();
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage()).replace(tempRoot + "/", "").strip();
            msg = msg.replace("\n\nUse --debug flag to render out invalid YAML", "");
            if (msg.length() > ToolRunner.MAX_ERROR_CHARS) {
                msg = msg.substring(0, ToolRunner.MAX_ERROR_CHARS) + "... (truncated)";
            }
            throw new RenderException("helm template " + display + " failed: " + msg, e);
        }
    }

    /** {@code valuesObject} (as JSON: explicit types) or else the {@code values} text, as a file; null for neither. */
    private static Path inlineValues(HelmSource helm, Path dir) {
        if (helm.valuesObject() != null) {
            return write(dir.resolve("values-object.json"), Yaml.json(helm.valuesObject()));
        }
        if (!helm.values().isBlank()) {
            return write(dir.resolve("values.yaml"), helm.values());
        }
        return null;
    }

    private static HelmParameters parameters(HelmSource helm, RenderContext context) {
        HelmParameters params = new HelmParameters();
        BuildEnvironment env = context.environment();
        // Helm applies all --set, then all --set-string, then all --set-file.
        helm.parameters().stream().filter(p -> !p.forceString())
                .forEach(p -> params.set(p.name(), env.substitute(p.value()), false));
        helm.parameters().stream().filter(HelmSource.Parameter::forceString)
                .forEach(p -> params.set(p.name(), env.substitute(p.value()), true));
        for (HelmSource.FileParameter p : helm.fileParameters()) {
            params.setFile(p.name(), HelmValueFiles.readFileParameter(context, p));
        }
        return params;
    }

    /**
     * Makes the copy renderable by helm-java: hides hook annotations in templates (restored in the output) and
     * drops top-level {@code kubeVersion} constraints, which helm-java would check against its outdated default
     * Kubernetes version instead of the cluster's.
     */
    static void prepareCopy(Path chart) {
        try (var files = Files.walk(chart)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = chart.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("templates/") || rel.contains("/templates/")) {
                    replaceInFile(f, HOOK_ANNOTATION, HOOK_PLACEHOLDER);
                } else if (f.getFileName().toString().equals("Chart.yaml")) {
                    String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                    Files.writeString(f, text.replaceAll("(?m)^kubeVersion:.*$", ""), StandardCharsets.ISO_8859_1);
                }
            }
        } catch (IOException e) {
            throw new RenderException("cannot prepare the chart copy: " + e.getMessage(), e);
        }
    }

    private static void replaceInFile(Path f, String from, String to) throws IOException {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1); // byte-preserving
        if (text.contains(from)) {
            Files.writeString(f, text.replace(from, to), StandardCharsets.ISO_8859_1);
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("cannot write " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
