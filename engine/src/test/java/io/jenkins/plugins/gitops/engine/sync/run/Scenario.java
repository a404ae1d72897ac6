package io.jenkins.plugins.gitops.engine.sync.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the manifests of a scenario, {@code src/test/resources/sync/run/<name>.yaml} (several YAML documents). */
final class Scenario {

    private Scenario() {}

    static List<KubeObject> manifests(String name) {
        String file = "/sync/run/" + name + ".yaml";
        try (InputStream in = Scenario.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing scenario " + file);
            }
            List<KubeObject> out = new ArrayList<>();
            try (MappingIterator<JsonNode> docs = Yaml.YAML.readerFor(JsonNode.class).readValues(in)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc instanceof ObjectNode o && !o.isEmpty()) {
                        out.add(new KubeObject(o, name + ".yaml"));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
