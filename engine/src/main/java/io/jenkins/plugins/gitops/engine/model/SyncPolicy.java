package io.jenkins.plugins.gitops.engine.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.syncPolicy}. {@code automated} null means manual sync only. Retry defaults follow Argo CD: backoff 5s,
 * factor 2, maxDuration 3m.
 */
public record SyncPolicy(Automated automated, List<String> syncOptions, Retry retry, ManagedNamespaceMetadata
        managedNamespaceMetadata) {

    public static final SyncPolicy NONE = new SyncPolicy(null, List.of(), null, null);

    /** {@code automated: {prune, selfHeal, allowEmpty, enabled}}. */
    public record Automated(boolean prune, boolean selfHeal, boolean allowEmpty, boolean enabled) {}

    /** {@code retry: {limit, backoff: {duration, factor, maxDuration}}}; limit negative means unlimited. */
    public record Retry(int limit, Duration backoffDuration, int factor, Duration maxDuration) {
        public static final Retry DEFAULT_BACKOFF = new Retry(0, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));
    }

    /** Labels and annotations for a namespace created by CreateNamespace=true. */
    public record ManagedNamespaceMetadata(Map<String, String> labels, Map<String, String> annotations) {}

    public boolean isAutomated() {
        return automated != null && automated.enabled();
    }

    public boolean hasOption(String option) {
        return syncOptions.stream().anyMatch(o -> o.equalsIgnoreCase(option));
    }

    static SyncPolicy read(FieldReader r) {
        if (!r.present()) {
            return NONE;
        }
        FieldReader a = r.child("automated");
        Automated automated = a.present()
                ? new Automated(a.bool("prune", false), a.bool("selfHeal", false), a.bool("allowEmpty", false),
                        a.bool("enabled", true))
                : null;
        FieldReader rr = r.child("retry");
        Retry retry = null;
        if (rr.present()) {
            FieldReader b = rr.child("backoff");
            retry = new Retry(
                    rr.integer("limit", 0),
                    DurationParser.parse(b, "duration", Retry.DEFAULT_BACKOFF.backoffDuration()),
                    b.integer("factor", 2),
                    DurationParser.parse(b, "maxDuration", Retry.DEFAULT_BACKOFF.maxDuration()));
        }
        FieldReader m = r.child("managedNamespaceMetadata");
        ManagedNamespaceMetadata mnm =
                m.present() ? new ManagedNamespaceMetadata(m.stringMap("labels"), m.stringMap("annotations")) : null;
        return new SyncPolicy(automated, r.strings("syncOptions"), retry, mnm);
    }
}
