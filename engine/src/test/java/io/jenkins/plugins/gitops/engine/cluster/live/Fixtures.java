package io.jenkins.plugins.gitops.engine.cluster.live;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Loads the YAML fixtures of this package and creates them on a (mock) cluster. */
final class Fixtures {

    private Fixtures() {}

    /** Every document of a multi-document fixture, in order. */
    static List<KubeObject> load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing fixture " + name);
            }
            List<KubeObject> out = new ArrayList<>();
            try (MappingIterator<ObjectNode> docs = Yaml.YAML.readerFor(ObjectNode.class).readValues(in)) {
                while (docs.hasNext()) {
                    ObjectNode doc = docs.next();
                    if (doc != null && !doc.isEmpty()) {
                        out.add(new KubeObject(doc, name));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one object of a fixture with this kind and name. */
    static KubeObject find(String fixture, String kind, String name) {
        return load(fixture).stream()
                .filter(o -> o.kind().equals(kind) && o.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(kind + " " + name + " not in " + fixture));
    }

    /** Creates every object of a fixture; returns them as the server stored them. */
    static List<GenericKubernetesResource> create(KubernetesClient client, String fixture) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (KubeObject o : load(fixture)) {
            out.add(create(client, o));
        }
        return out;
    }

    static GenericKubernetesResource create(KubernetesClient client, KubeObject o) {
        GenericKubernetesResource r =
                client.getKubernetesSerialization().convertValue(o.node(), GenericKubernetesResource.class);
        return client.genericKubernetesResources(o.apiVersion(), o.kind()).resource(r).create();
    }

    static ResourceKey key(String group, String kind, String namespace, String name) {
        return new ResourceKey(group, kind, namespace, name);
    }
}
