package io.jenkins.plugins.gitops.engine.appofapps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.DeleteRequest;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.List;
import java.util.Optional;

/**
 * The children a parent's syncs created and still own, persisted in the parent's {@code children} document so a
 * child that leaves Git is still known (and can be pruned) after a restart.
 */
public final class ChildRecord {

    static final String DOCUMENT = "children";

    /** One child as recorded: its name, the digest of its document, its prune cascade (null: orphan), the YAML. */
    public record Entry(String name, String specHash, DeleteRequest.Cascade pruneCascade, String document) {}

    private final StateStore store;
    private final String parent;

    public ChildRecord(StateStore store, String parent) {
        this.store = store;
        this.parent = parent;
    }

    public List<Entry> entries() {
        Optional<JsonNode> doc = store.read(parent, DOCUMENT);
        if (doc.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(Yaml.JSON.treeToValue(doc.get(), Entry[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("child applications of " + parent + " are unreadable: "
                    + e.getOriginalMessage(), e);
        }
    }

    public void write(List<Entry> entries) {
        store.write(parent, DOCUMENT, Yaml.JSON.valueToTree(entries));
    }
}
