package io.jenkins.plugins.gitops.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads one-object YAML fixtures from {@code src/test/resources/health/}. */
final class Fixtures {

    private Fixtures() {}

    static KubeObject load(String file) {
        String path = "/health/" + file;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            JsonNode node = Yaml.YAML.readTree(in);
            return new KubeObject((ObjectNode) node, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + path, e);
        }
    }

    static KubeObject parse(String yaml) {
        try {
            return KubeObject.of((ObjectNode) Yaml.YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
