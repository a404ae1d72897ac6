package io.jenkins.plugins.gitops.engine.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** One kind of ApplicationSet generator: turns its spec into parameter sets. */
interface Generator {

    /**
     * @param spec the generator's own body (the value under {@code list:}, {@code git:}...)
     * @param context repositories, clusters, template options and nested-generator dispatch
     * @param path the spec's field path, for errors ({@code spec.generators[0].git})
     */
    List<Map<String, Object>> generate(JsonNode spec, GeneratorContext context, String path);
}
