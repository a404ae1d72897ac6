package io.jenkins.plugins.gitops.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link StateStore} that keeps documents in memory: for one-shot CLI runs without a state directory, and tests. */
public final class MemoryStateStore implements StateStore {

    private final Map<String, Map<String, JsonNode>> docs = new ConcurrentHashMap<>();

    @Override
    public Optional<JsonNode> read(String app, String document) {
        return Optional.ofNullable(docs.getOrDefault(app, Map.of()).get(document)).map(JsonNode::deepCopy);
    }

    @Override
    public void write(String app, String document, JsonNode content) {
        docs.computeIfAbsent(app, a -> new ConcurrentHashMap<>()).put(document, content.deepCopy());
    }

    @Override
    public List<String> apps() {
        return docs.keySet().stream().sorted().toList();
    }

    @Override
    public void delete(String app) {
        docs.remove(app);
    }
}
