package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import io.jenkins.plugins.gitops.engine.model.HelmSource;
import io.jenkins.plugins.gitops.engine.model.KustomizeSource;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Argo CD's parameter override files: {@code .argocd-source.yaml} and then {@code .argocd-source-<app>.yaml} in the
 * application's path are merged over {@code spec.source} before rendering (repo-server {@code mergeSourceParameters},
 * a JSON merge patch: a list in the file replaces the list of the source). Argo CD Image Updater's default
 * write-back writes the second file. Supported keys: {@code kustomize.images}, {@code helm.parameters},
 * {@code helm.valueFiles} and {@code helm.values}; any other key is an error naming the file, so an override is never
 * silently dropped.
 */
public final class SourceOverrideFiles {

    private static final Set<String> TOP = Set.of("kustomize", "helm");
    private static final Set<String> KUSTOMIZE = Set.of("images");
    private static final Set<String> HELM = Set.of("parameters", "valueFiles", "values");

    private SourceOverrideFiles() {}

    /** The request with the override files of its app directory applied (the same request when there are none). */
    public static RenderRequest apply(RenderRequest request) {
        Path dir;
        try {
            dir = AppDirectory.resolve(request.repoRoot(), request.source().path()).dir();
        } catch (RuntimeException e) {
            return request; // the renderer reports the bad path
        }
        ApplicationSource source = request.source();
        for (String name : List.of(".argocd-source.yaml", ".argocd-source-" + request.application().name() + ".yaml")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                source = merge(source, read(file, name), name);
            }
        }
        return source == request.source() ? request : new RenderRequest(request.repoRoot(), request.application(),
                source, request.revision(), request.refSources());
    }

    private static JsonNode read(Path file, String name) {
        try {
            JsonNode n = Yaml.YAML.readTree(Files.readString(file));
            if (n != null && !n.isNull() && !n.isMissingNode() && !n.isObject()) {
                throw new RenderException(name + ": must be a mapping of source fields");
            }
            return n == null || n.isMissingNode() ? Yaml.JSON.createObjectNode() : n;
        } catch (IOException e) {
            throw new RenderException(name + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    static ApplicationSource merge(ApplicationSource source, JsonNode override, String name) {
        if (override.isNull()) {
            return source;
        }
        check(override, TOP, name, "");
        HelmSource helm = source.helm();
        KustomizeSource kustomize = source.kustomize();
        JsonNode k = override.get("kustomize");
        if (k != null && !k.isNull()) {
            check(k, KUSTOMIZE, name, "kustomize.");
            if (k.has("images")) {
                List<String> images = new ArrayList<>();
                k.get("images").forEach(i -> images.add(i.asText()));
                kustomize = new KustomizeSource(List.copyOf(images), kustomize.namePrefix(), kustomize.nameSuffix(),
                        kustomize.commonLabels(), kustomize.commonAnnotations(), kustomize.namespace(),
                        kustomize.replicas(), kustomize.forceCommonLabels(), kustomize.forceCommonAnnotations(),
                        kustomize.version());
            }
        }
        JsonNode h = override.get("helm");
        if (h != null && !h.isNull()) {
            check(h, HELM, name, "helm.");
            List<HelmSource.Parameter> parameters = helm.parameters();
            if (h.has("parameters")) {
                parameters = new ArrayList<>();
                for (JsonNode p : h.get("parameters")) {
                    if (!p.hasNonNull("name")) {
                        throw new RenderException(name + ": helm.parameters: an entry has no name");
                    }
                    parameters.add(new HelmSource.Parameter(p.get("name").asText(), p.path("value").asText(""),
                            forceString(p)));
                }
                parameters = List.copyOf(parameters);
            }
            List<String> valueFiles = helm.valueFiles();
            if (h.has("valueFiles")) {
                List<String> files = new ArrayList<>();
                h.get("valueFiles").forEach(f -> files.add(f.asText()));
                valueFiles = List.copyOf(files);
            }
            String values = h.has("values")
                    ? (h.get("values").isTextual() ? h.get("values").asText() : Yaml.write(h.get("values")))
                    : helm.values();
            helm = new HelmSource(valueFiles, values, helm.valuesObject(), parameters, helm.fileParameters(),
                    helm.releaseName(), helm.skipCrds(), helm.ignoreMissingValueFiles(), helm.namespace(),
                    helm.kubeVersion(), helm.apiVersions(), helm.passCredentials(), helm.version());
        }
        return new ApplicationSource(source.repoURL(), source.targetRevision(), source.path(), source.chart(),
                source.ref(), source.directory(), helm, kustomize, source.pluginName());
    }

    /** Argo CD's field is {@code forceString}; Image Updater writes {@code forcestring} (Go's JSON decoding accepts both). */
    private static boolean forceString(JsonNode p) {
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase("forceString")) {
                return p.get(f).asBoolean(false);
            }
        }
        return false;
    }

    private static void check(JsonNode node, Set<String> allowed, String file, String prefix) {
        if (!node.isObject()) {
            throw new RenderException(file + ": " + (prefix.isEmpty() ? "the document" : prefix.substring(0,
                    prefix.length() - 1)) + " must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new RenderException(file + ": '" + prefix + f + "' is not supported in a parameter override file"
                        + " (supported: kustomize.images, helm.parameters, helm.valueFiles, helm.values)");
            }
        }
    }
}
