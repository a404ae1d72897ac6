package io.jenkins.plugins.gitops.engine.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Helm repository's {@code index.yaml}: for each chart name, its published versions with their download URLs and
 * digests (Helm's {@code repo.IndexFile}). Immutable.
 */
final class ChartIndex {

    /** One published chart version. {@code digest} is the SHA-256 hex of the .tgz ("" when the index has none). */
    record Entry(String name, String version, String digest, List<String> urls, Instant created, String description) {}

    private final Map<String, List<Entry>> entries;

    private ChartIndex(Map<String, List<Entry>> entries) {
        this.entries = entries;
    }

    /** Parses index.yaml; {@code what} names the repository in errors. */
    static ChartIndex parse(byte[] yaml, String what) {
        JsonNode root;
        try {
            root = Yaml.YAML.readTree(yaml);
        } catch (IOException e) {
            throw new HelmRepositoryException("index.yaml is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.path("entries").isObject()) {
            throw new HelmRepositoryException("index.yaml has no 'entries' (" + what + " is not a Helm chart "
                    + "repository)");
        }
        Map<String, List<Entry>> out = new HashMap<>();
        root.path("entries").fields().forEachRemaining(e -> {
            List<Entry> versions = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                List<String> urls = new ArrayList<>();
                v.path("urls").forEach(u -> urls.add(u.asText()));
                String digest = v.path("digest").asText("");
                versions.add(new Entry(e.getKey(), v.path("version").asText(""),
                        digest.startsWith("sha256:") ? digest.substring(7) : digest, List.copyOf(urls),
                        instant(v.path("created").asText("")), v.path("description").asText("")));
            }
            out.put(e.getKey(), List.copyOf(versions));
        });
        return new ChartIndex(Map.copyOf(out));
    }

    /** The versions of {@code chart}; empty when the repository has no such chart. */
    List<Entry> versions(String chart) {
        return entries.getOrDefault(chart, List.of());
    }

    boolean contains(String chart) {
        return entries.containsKey(chart);
    }

    private static Instant instant(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
