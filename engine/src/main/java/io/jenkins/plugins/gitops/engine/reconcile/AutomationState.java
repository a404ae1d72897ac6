package io.jenkins.plugins.gitops.engine.reconcile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import java.util.Optional;

/**
 * What the controller must remember about an application across restarts: its last automated (or manual) sync
 * attempt - so a failed revision is not retried after a restart either - and a person's self-heal pause.
 */
record AutomationState(AutoSyncAttempt lastAttempt, SelfHealPause pause) {

    static final String DOCUMENT = "automation";
    static final AutomationState EMPTY = new AutomationState(null, null);
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    AutomationState withAttempt(AutoSyncAttempt attempt) {
        return new AutomationState(attempt, pause);
    }

    AutomationState withPause(SelfHealPause p) {
        return new AutomationState(lastAttempt, p);
    }

    static AutomationState load(StateStore store, String app) {
        Optional<com.fasterxml.jackson.databind.JsonNode> doc = store.read(app, DOCUMENT);
        if (doc.isEmpty()) {
            return EMPTY;
        }
        try {
            return MAPPER.treeToValue(doc.get(), AutomationState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return EMPTY;
        }
    }

    void save(StateStore store, String app) {
        store.write(app, DOCUMENT, MAPPER.valueToTree(this));
    }
}
