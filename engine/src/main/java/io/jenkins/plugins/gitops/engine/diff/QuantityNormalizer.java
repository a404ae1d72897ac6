package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites resource quantities in their canonical spelling on both sides ({@code cpu: 1000m} and {@code cpu: 1}
 * both become {@code "1"}, {@code memory: 1024Mi} becomes {@code 1Gi}), including quantities Git wrote as YAML numbers
 * ({@code cpu: 1}). This is Argo CD's known-types normalisation of {@code core/Quantity} fields, for the places
 * where Kubernetes types hold quantities. Strings that are not valid quantities are left alone.
 */
final class QuantityNormalizer implements Normalizer {

    /** Where quantities live, per kind ("*" for any kind); mirrors the Quantity-typed fields of core/v1. */
    private record Location(String kind, TreePattern pattern) {}

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

    @Override
    public void normalize(ResourcePair pair) {
        ResourceKey key = pair.key();
        for (Location loc : LOCATIONS) {
            if (loc.kind.equals("*") || loc.kind.equals(key.kind())) {
                pair.eachSide(side -> canonicalise(side, loc.pattern));
            }
        }
    }

    private static void canonicalise(ObjectNode side, TreePattern pattern) {
        for (TreePattern.Match m : pattern.matches(side)) {
            JsonNode v = m.value();
            Optional<BigDecimal> value = v.isNumber() ? Optional.of(v.decimalValue())
                    : v.isTextual() ? Quantity.parse(v.asText()) : Optional.empty();
            value.ifPresent(q -> m.parent().put(m.field(), Quantity.canonical(q, isBytes(m.field()))));
        }
    }

    /** Resource names measured in bytes (memory, storage, hugepages), where binary suffixes read naturally. */
    static boolean isBytes(String resourceName) {
        return resourceName.contains("memory") || resourceName.contains("storage")
                || resourceName.contains("hugepages-") || resourceName.equals("sizeLimit");
    }
}
