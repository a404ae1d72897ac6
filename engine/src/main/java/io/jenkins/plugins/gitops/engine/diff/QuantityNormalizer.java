package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.util.List;

/**
 * Rewrites resource quantities in their canonical spelling on both sides ({@code cpu: 1000m} and {@code cpu: 1}
 * both become {@code "1"}, {@code memory: 1024Mi} becomes {@code 1Gi}), including quantities Git wrote as YAML numbers
 * ({@code cpu: 1}). This is Argo CD's known-types normalisation of {@code core/Quantity} fields, for the places
 * where Kubernetes types hold quantities. Strings that are not valid quantities are left alone.
 */
final class QuantityNormalizer implements Normalizer {

    /**
     * Where quantities live, per kind ("*" for any kind); mirrors the Quantity-typed fields of core/v1. A pattern at
     * any depth ({@code **}) is matched outside {@code metadata} only: quantities never live there, and walking the
     * live side's managedFields was most of the walk.
     */
    private record Location(String kind, TreePattern pattern, boolean anyDepth) {
        Location(String kind, TreePattern pattern) {
            this(kind, pattern, pattern.toString().startsWith("**"));
        }
    }

    private static final List<Location> LOCATIONS = List.of(
            new Location("*", TreePattern.of("**.resources.limits.*")),
            new Location("*", TreePattern.of("**.resources.requests.*")),
            new Location("*", TreePattern.of("**.emptyDir.sizeLimit")),
            new Location("*", TreePattern.of("**.overhead.*")),
            new Location("ResourceQuota", TreePattern.of("spec.hard.*")),
            new Location("LimitRange", TreePattern.of("spec.limits.[].max.*")),
            new Location("LimitRange", TreePattern.of("spec.limits.[].min.*")),
            new Location("LimitRange", TreePattern.of("spec.limits.[].default.*")),
            new Location("LimitRange", TreePattern.of("spec.limits.[].defaultRequest.*")),
            new Location("LimitRange", TreePattern.of("spec.limits.[].maxLimitRequestRatio.*")),
            new Location("PersistentVolume", TreePattern.of("spec.capacity.*")));

    /**
     * Canonical spellings already computed, by spelling and unit kind: a fleet repeats the same few quantities
     * ({@code 10m}, {@code 32Mi}) in every object, and parsing plus BigDecimal printing was a fifth of a controller's
     * refresh of small applications. Bounded: cleared when it grows past {@link #MEMO_LIMIT}.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> MEMO =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MEMO_LIMIT = 10_000;
    private static final String NOT_A_QUANTITY = "\u0000";

    @Override
    public void normalize(ResourcePair pair) {
        ResourceKey key = pair.key();
        for (Location loc : LOCATIONS) {
            if (loc.kind.equals("*") || loc.kind.equals(key.kind())) {
                pair.eachSide(side -> canonicalise(side, loc));
            }
        }
    }

    private static void canonicalise(ObjectNode side, Location loc) {
        List<TreePattern.Match> matches;
        if (loc.anyDepth()) {
            matches = new java.util.ArrayList<>();
            for (var e : side.properties()) {
                if (!e.getKey().equals("metadata")) {
                    matches.addAll(loc.pattern().matches(e.getValue()));
                }
            }
        } else {
            matches = loc.pattern().matches(side);
        }
        for (TreePattern.Match m : matches) {
            JsonNode v = m.value();
            boolean bytes = isBytes(m.field());
            String canonical = v.isNumber() ? Quantity.canonical(v.decimalValue(), bytes)
                    : v.isTextual() ? memoised(v.asText(), bytes) : null;
            if (canonical != null) {
                m.parent().put(m.field(), canonical);
            }
        }
    }

    private static String memoised(String text, boolean bytes) {
        String key = (bytes ? "b:" : "d:") + text;
        String known = MEMO.get(key);
        if (known == null) {
            known = Quantity.parse(text).map(q -> Quantity.canonical(q, bytes)).orElse(NOT_A_QUANTITY);
            if (MEMO.size() >= MEMO_LIMIT) {
                MEMO.clear();
            }
            MEMO.put(key, known);
        }
        return known.equals(NOT_A_QUANTITY) ? null : known;
    }

    /** Resource names measured in bytes (memory, storage, hugepages), where binary suffixes read naturally. */
    static boolean isBytes(String resourceName) {
        return resourceName.contains("memory") || resourceName.contains("storage")
                || resourceName.contains("hugepages-") || resourceName.equals("sizeLimit");
    }
}
