package io.jenkins.plugins.gitops.engine.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.health.Health;
import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import io.jenkins.plugins.gitops.engine.history.OperationRecord;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.reconcile.AppCondition;
import io.jenkins.plugins.gitops.engine.reconcile.AppStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Controller snapshots from the fixtures under {@code notify/states/}: one YAML per application state. */
final class States {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private States() {}

    static String resource(String path) {
        try (InputStream in = States.class.getResourceAsStream("/notify/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Application application() {
        return ArgoDocuments.parseApplication(resource("application.yaml"), "application.yaml");
    }

    static AppStatus status(String state) {
        return status(application(), state);
    }

    static AppStatus status(Application app, String state) {
        JsonNode s;
        try {
            s = Yaml.YAML.readTree(resource("states/" + state + ".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AppComparison c = new AppComparison(app.name(), s.path("revision").asText(), "HEAD",
                s.path("commitMessage").asText(""), "Test Author", T0, SyncStatus.valueOf(s.path("syncStatus").asText()),
                new Health(HealthStatus.valueOf(s.path("health").asText()), s.path("healthMessage").asText("")),
                List.of(), null, "", s.path("syncStatus").asText().equals("Unknown") ? "comparison failed" : null, T0);
        OperationRecord op = null;
        JsonNode o = s.path("operation");
        if (o.isObject()) {
            boolean running = o.path("phase").asText().equals("Running");
            op = new OperationRecord(o.path("phase").asText(), o.path("message").asText(), o.path("revision").asText(),
                    "admin", T0, running ? null : T0.plusSeconds(30),
                    o.has("resources") ? o.get("resources") : Yaml.JSON.createArrayNode());
        }
        List<AppCondition> conditions = new ArrayList<>();
        s.path("conditions").forEach(x -> conditions.add(new AppCondition(x.path("type").asText(),
                x.path("message").asText(), T0)));
        return new AppStatus(app.name(), "test", app, c, op, false, List.of(), List.of(), conditions, "", null, null,
                T0, null);
    }
}
