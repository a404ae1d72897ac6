package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.IgnoreDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The application's {@code spec.ignoreDifferences}: for every rule matching the resource (group/kind, optional
 * name/namespace), the fields named by {@code jsonPointers}, selected by {@code jqPathExpressions}, or owned in the
 * live object's managedFields by one of the {@code managedFieldsManagers} are removed from both sides before
 * comparing. Rules are compiled once; a bad pointer or jq expression fails construction with a message naming it.
 */
final class IgnoreDifferencesNormalizer implements Normalizer {

    private record CompiledRule(IgnoreDifference rule, List<JsonPointer> pointers, List<JqPathExpression> jq,
            Set<String> managers) {}

    private final List<CompiledRule> rules;

    IgnoreDifferencesNormalizer(List<IgnoreDifference> ignoreDifferences) {
        List<CompiledRule> compiled = new ArrayList<>();
        for (IgnoreDifference d : ignoreDifferences) {
            List<JsonPointer> pointers = new ArrayList<>();
            for (String p : d.jsonPointers()) {
                pointers.add(pointer(p));
            }
            List<JqPathExpression> jq = d.jqPathExpressions().stream().map(JqPathExpression::new).toList();
            compiled.add(new CompiledRule(d, pointers, jq, Set.copyOf(d.managedFieldsManagers())));
        }
        this.rules = List.copyOf(compiled);
    }

    @Override
    public void normalize(ResourcePair pair) {
        for (CompiledRule r : rules) {
            if (!r.rule.matches(pair.key())) {
                continue;
            }
            for (JsonPointer p : r.pointers) {
                pair.eachSide(side -> remove(side, p));
            }
            for (JqPathExpression jq : r.jq) {
                pair.eachSide(jq::deleteFrom);
            }
            if (!r.managers.isEmpty()) {
                FieldSet trusted = FieldSet.ofManagers(pair.liveManagedFields(), r.managers::contains);
                pair.eachSide(trusted::removeFrom);
            }
        }
    }

    private static JsonPointer pointer(String p) {
        if (p == null || !p.startsWith("/")) {
            throw new IllegalArgumentException("ignoreDifferences jsonPointers '" + p
                    + "' is not a JSON pointer: it must start with '/', like /spec/replicas");
        }
        try {
            return JsonPointer.compile(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ignoreDifferences jsonPointers '" + p + "' is not a valid JSON pointer: "
                    + e.getMessage(), e);
        }
    }

    private static void remove(ObjectNode tree, JsonPointer p) {
        JsonNode parent = tree.at(p.head());
        JsonPointer last = p.last();
        if (parent instanceof ObjectNode obj) {
            obj.remove(last.getMatchingProperty());
        } else if (parent instanceof ArrayNode arr && last.mayMatchElement() && last.getMatchingIndex() < arr.size()) {
            arr.remove(last.getMatchingIndex());
        }
    }
}
