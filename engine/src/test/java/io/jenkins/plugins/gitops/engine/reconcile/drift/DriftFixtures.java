package io.jenkins.plugins.gitops.engine.reconcile.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.diff.AppDiff;
import io.jenkins.plugins.gitops.engine.diff.DiffOptions;
import io.jenkins.plugins.gitops.engine.diff.DiffResult;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the YAML fixtures under {@code src/test/resources/reconcile/drift/} and compares them like a refresh. */
final class DriftFixtures {

    static final ResourceKey WEB = new ResourceKey("apps", "Deployment", "shop", "web");
    static final ResourceKey WEB_SERVICE = new ResourceKey("", "Service", "shop", "web");
    static final ResourceKey WEB_CONFIG = new ResourceKey("", "ConfigMap", "shop", "web-config");
    static final ResourceKey WEB_OLD = new ResourceKey("", "ConfigMap", "shop", "web-old");

    /** One case: the objects Git declares and the live objects the application tracks. */
    record Case(List<KubeObject> desired, Map<ResourceKey, KubeObject> live) {

        DiffResult compare() {
            return new AppDiff(DiffOptions.defaults()).compare(desired, live);
        }

        KubeObject live(ResourceKey key) {
            return live.get(key);
        }
    }

    private DriftFixtures() {}

    static Case load(String name) {
        List<KubeObject> desired = read(name + "/desired.yaml");
        Map<ResourceKey, KubeObject> live = new LinkedHashMap<>();
        read(name + "/live.yaml").forEach(o -> live.put(o.key(), o.withSource("live")));
        return new Case(desired, live);
    }

    /** Every object of a multi-document YAML resource. */
    static List<KubeObject> read(String resource) {
        List<KubeObject> out = new ArrayList<>();
        try (InputStream in = DriftFixtures.class.getResourceAsStream("/reconcile/drift/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            try (MappingIterator<JsonNode> docs = Yaml.YAML.readerFor(JsonNode.class).readValues(in)) {
                while (docs.hasNext()) {
                    if (docs.next() instanceof ObjectNode obj && !obj.isEmpty()) {
                        out.add(new KubeObject(obj, resource));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String text(String resource) {
        try (InputStream in = DriftFixtures.class.getResourceAsStream("/reconcile/drift/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
