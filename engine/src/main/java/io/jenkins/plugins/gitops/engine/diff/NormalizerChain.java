package io.jenkins.plugins.gitops.engine.diff;

import java.util.List;

/**
 * The normalisation steps, in order. Each row names the upstream behaviour it mirrors; a step relies only on the
 * ones above it (stringData must be folded before ignore rules address {@code /data/...}).
 */
final class NormalizerChain {

    private final List<Normalizer> steps;

    NormalizerChain(DiffOptions options) {
        this.steps = List.of(
                // gitops-engine Normalize/remarshal: server-populated metadata, last-applied, status.
                new ServerFieldsNormalizer(options.compareStatus()),
                // gitops-engine NormalizeSecret: stringData -> data, nil -> "".
                new SecretDataNormalizer(),
                // Go's JSON decoding into typed structs drops nulls.
                new NullValueNormalizer(),
                // remarshal through typed structs: 3.0 -> 3, quoted ints in int fields.
                new NumberNormalizer(),
                // Argo CD known types: core/Quantity.
                new QuantityNormalizer(),
                // Argo CD ignoreDifferences: jsonPointers, jqPathExpressions, managedFieldsManagers.
                new IgnoreDifferencesNormalizer(options.ignoreDifferences()));
    }

    void normalize(ResourcePair pair) {
        steps.forEach(s -> s.normalize(pair));
    }
}
