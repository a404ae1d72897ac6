package io.jenkins.plugins.gitops.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code spec.source.helm}. Value precedence (highest first) as Argo CD: parameters, valuesObject, values,
 * valueFiles, the chart's values.yaml. {@code releaseName} empty means the application name.
 */
public record HelmSource(
        List<String> valueFiles,
        String values,
        ObjectNode valuesObject,
        List<Parameter> parameters,
        List<FileParameter> fileParameters,
        String releaseName,
        boolean skipCrds,
        boolean ignoreMissingValueFiles,
        String namespace,
        String kubeVersion,
        List<String> apiVersions,
        boolean passCredentials,
        String version) {

    public static final HelmSource DEFAULT =
            new HelmSource(List.of(), "", null, List.of(), List.of(), "", false, false, "", "", List.of(), false, "");

    /** {@code --set name=value} ({@code --set-string} when forceString). */
    public record Parameter(String name, String value, boolean forceString) {}

    /** {@code --set-file name=path}. */
    public record FileParameter(String name, String path) {}

    static HelmSource read(FieldReader r) {
        if (!r.present()) {
            return DEFAULT;
        }
        JsonNode vo = r.node().get("valuesObject");
        ObjectNode valuesObject = null;
        if (vo != null && !vo.isNull()) {
            if (vo.isObject()) {
                valuesObject = (ObjectNode) vo.deepCopy();
            } else {
                r.error(r.childPath("valuesObject"), "must be a mapping");
            }
        }
        String values = "";
        JsonNode v = r.node().get("values");
        if (v != null && !v.isNull()) {
            // Argo CD accepts values as a YAML string; a mapping here is also accepted by its CRD (treated as object).
            values = v.isTextual() ? v.asText() : Yaml.write(v);
        }
        return new HelmSource(
                r.strings("valueFiles"),
                values,
                valuesObject,
                r.list("parameters", p -> new Parameter(p.requiredString("name"), p.string("value", ""),
                        p.bool("forceString", false))),
                r.list("fileParameters", p -> new FileParameter(p.requiredString("name"), p.requiredString("path"))),
                r.string("releaseName", ""),
                r.bool("skipCrds", false),
                r.bool("ignoreMissingValueFiles", false),
                r.string("namespace", ""),
                r.string("kubeVersion", ""),
                r.strings("apiVersions"),
                r.bool("passCredentials", false),
                r.string("version", ""));
    }
}
