package io.jenkins.plugins.gitops.engine.model;

import java.util.List;
import java.util.Map;

/** {@code spec.source.kustomize}: overrides applied on top of the kustomization in Git, as Argo CD does. */
public record KustomizeSource(
        List<String> images,
        String namePrefix,
        String nameSuffix,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String namespace,
        List<Replica> replicas,
        boolean forceCommonLabels,
        boolean forceCommonAnnotations,
        String version) {

    public static final KustomizeSource DEFAULT =
            new KustomizeSource(List.of(), "", "", Map.of(), Map.of(), "", List.of(), false, false, "");

    /** {@code replicas: [{name, count}]}. */
    public record Replica(String name, int count) {}

    public boolean hasOverrides() {
        return !images.isEmpty() || !namePrefix.isEmpty() || !nameSuffix.isEmpty() || !commonLabels.isEmpty()
                || !commonAnnotations.isEmpty() || !namespace.isEmpty() || !replicas.isEmpty();
    }

    static KustomizeSource read(FieldReader r) {
        if (!r.present()) {
            return DEFAULT;
        }
        return new KustomizeSource(
                r.strings("images"),
                r.string("namePrefix", ""),
                r.string("nameSuffix", ""),
                r.stringMap("commonLabels"),
                r.stringMap("commonAnnotations"),
                r.string("namespace", ""),
                r.list("replicas", p -> new Replica(p.requiredString("name"), p.integer("count", 0))),
                r.bool("forceCommonLabels", false),
                r.bool("forceCommonAnnotations", false),
                r.string("version", ""));
    }
}
