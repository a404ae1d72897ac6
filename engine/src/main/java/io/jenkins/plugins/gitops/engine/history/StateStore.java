package io.jenkins.plugins.gitops.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Where per-application state survives restarts: named JSON documents per application (history, last operation,
 * drift events). The plugin keeps them under JENKINS_HOME, the CLI under {@code --state-dir} (default
 * {@code ~/.gitops}). Implementations write atomically: a reader sees the old or the new document, never half.
 */
public interface StateStore {

    Optional<JsonNode> read(String app, String document);

    void write(String app, String document, JsonNode content);

    /** Applications that have any stored document. */
    List<String> apps();

    void delete(String app);
}
