package io.jenkins.plugins.gitops.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The sync history of one application, persisted in a {@link StateStore} document {@code history}. Keeps the last
 * {@code revisionHistoryLimit} entries (oldest dropped first); ids keep increasing across drops, as in Argo CD.
 */
public final class SyncHistory {

    static final String DOCUMENT = "history";
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final StateStore store;
    private final String app;

    public SyncHistory(StateStore store, String app) {
        this.store = store;
        this.app = app;
    }

    /** Entries oldest first. */
    public synchronized List<HistoryEntry> entries() {
        Optional<JsonNode> doc = store.read(app, DOCUMENT);
        if (doc.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(MAPPER.treeToValue(doc.get(), HistoryEntry[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history of " + app + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public Optional<HistoryEntry> find(long id) {
        return entries().stream().filter(e -> e.id() == id).findFirst();
    }

    /**
     * The newest entry that deployed another revision than the newest entry: what "roll back to the previous
     * deployment" means (re-syncs of the same commit are skipped).
     */
    public Optional<HistoryEntry> previous() {
        List<HistoryEntry> all = entries();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        HistoryEntry current = all.get(all.size() - 1);
        for (int i = all.size() - 2; i >= 0; i--) {
            if (!all.get(i).revision().equals(current.revision())
                    || !all.get(i).revisions().equals(current.revisions())) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<HistoryEntry> latest() {
        List<HistoryEntry> all = entries();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Appends an entry (its id is assigned here: one more than the highest so far) and trims to {@code limit}.
     * Returns the stored entry.
     */
    public synchronized HistoryEntry append(HistoryEntry entry, int limit) {
        List<HistoryEntry> all = new ArrayList<>(entries());
        long id = all.stream().mapToLong(HistoryEntry::id).max().orElse(-1) + 1;
        HistoryEntry stored = new HistoryEntry(id, entry.revision(), entry.repoURL(), entry.path(),
                entry.targetRevision(), entry.deployStartedAt(), entry.deployedAt(), entry.initiatedBy(),
                entry.automated(), entry.commitMessage(), entry.revisions());
        all.add(stored);
        int keep = Math.max(limit, 1);
        List<HistoryEntry> trimmed = all.subList(Math.max(0, all.size() - keep), all.size());
        store.write(app, DOCUMENT, MAPPER.valueToTree(trimmed.toArray(new HistoryEntry[0])));
        return stored;
    }

    @Override
    public String toString() {
        return app + " history " + Arrays.toString(entries().stream().mapToLong(HistoryEntry::id).toArray());
    }
}
