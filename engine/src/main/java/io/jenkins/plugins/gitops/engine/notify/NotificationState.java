package io.jenkins.plugins.gitops.engine.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.history.StateStore;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was already sent for one application (Argo CD keeps this in the {@code notified.notifications.argoproj.io}
 * annotation): keys {@code <oncePer>:<trigger>:<condition>:<service>:<recipient>} with the epoch second they were
 * sent. A key without oncePer is removed when its condition stops holding, so the trigger can fire again; with
 * oncePer it stays, so each value fires once. At most {@value #LIMIT} keys are kept (oldest dropped), as Argo CD.
 */
final class NotificationState {

    static final String DOCUMENT = "notification-state";
    static final int LIMIT = 100;

    private final LinkedHashMap<String, Long> sent = new LinkedHashMap<>();

    static NotificationState load(StateStore store, String app) {
        NotificationState s = new NotificationState();
        store.read(app, DOCUMENT).ifPresent(n -> n.fields().forEachRemaining(e -> s.sent.put(e.getKey(),
                e.getValue().asLong())));
        return s;
    }

    boolean contains(String key) {
        return sent.containsKey(key);
    }

    void add(String key, long epochSecond) {
        sent.put(key, epochSecond);
        while (sent.size() > LIMIT) {
            sent.remove(sent.keySet().iterator().next());
        }
    }

    boolean remove(String key) {
        return sent.remove(key) != null;
    }

    Map<String, Long> keys() {
        return Map.copyOf(sent);
    }

    void save(StateStore store, String app) {
        ObjectNode o = Yaml.JSON.createObjectNode();
        sent.forEach(o::put);
        store.write(app, DOCUMENT, o);
    }

    static String key(String oncePer, String trigger, int condition, String service, String recipient) {
        return oncePer + ":" + trigger + ":" + condition + ":" + service + ":" + recipient;
    }
}
