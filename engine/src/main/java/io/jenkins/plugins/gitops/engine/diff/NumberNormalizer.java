package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Numbers: integral decimals become integers everywhere ({@code 3.0 -> 3}, as Go's JSON round trip does), and
 * numeric strings in integer fields of the built-in types become numbers ({@code containerPort: "8080"} as Helm
 * templates often render it equals the live {@code 8080}). Applied to both sides.
 */
final class NumberNormalizer implements Normalizer {

    /** int32/int64 fields of core, apps, batch and autoscaling types that templates commonly quote. */
    static final List<String> INTEGER_FIELDS = List.of(
            "replicas", "containerPort", "hostPort", "port", "nodePort",
            "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds",
            "terminationGracePeriodSeconds", "activeDeadlineSeconds",
            "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold",
            "runAsUser", "runAsGroup", "fsGroup", "defaultMode", "mode",
            "minReplicas", "maxReplicas", "parallelism", "completions", "backoffLimit",
            "ttlSecondsAfterFinished", "startingDeadlineSeconds", "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit", "weight", "priority", "expirationSeconds");

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");

    @Override
    public void normalize(ResourcePair pair) {
        pair.eachSide(NumberNormalizer::walk);
    }

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                JsonNode v = e.getValue();
                if (v.isNumber() && !v.isIntegralNumber()) {
                    integral(v.decimalValue()).ifPresent(i -> obj.put(e.getKey(), i));
                } else if (v.isTextual() && INTEGER_FIELDS.contains(e.getKey())
                        && INTEGER.matcher(v.asText()).matches()) {
                    obj.put(e.getKey(), Long.parseLong(v.asText()));
                } else {
                    walk(v);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode v = arr.get(i);
                if (v.isNumber() && !v.isIntegralNumber()) {
                    int at = i;
                    integral(v.decimalValue()).ifPresent(n -> arr.set(at, arr.numberNode(n)));
                } else {
                    walk(v);
                }
            }
        }
    }

    private static Optional<Long> integral(BigDecimal d) {
        try {
            return Optional.of(d.longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
