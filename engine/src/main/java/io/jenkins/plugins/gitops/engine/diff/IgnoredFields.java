package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.IgnoreDifference;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;
import java.util.Set;

/**
 * Argo CD's {@code RespectIgnoreDifferences=true}: the fields {@code spec.ignoreDifferences} names are kept out of what
 * a sync applies, so that another controller (an HPA scaling {@code spec.replicas}) keeps them. For an object that
 * exists, per field of a matching rule:
 * <ul>
 *   <li>not in the live object: removed from the applied object;</li>
 *   <li>in the live object and owned by another field manager only: removed from the applied object, so a
 *       server-side apply neither claims it nor conflicts over it;</li>
 *   <li>in the live object and owned by our field manager (an earlier sync applied it), or without managedFields:
 *       applied with the live value (as Argo CD's {@code normalizeTargetResources}): dropping a field our manager owns
 *       would make server-side apply delete it (an HPA-scaled Deployment back to one replica).</li>
 * </ul>
 * {@code jqPathExpressions} are removed from the applied object, {@code managedFieldsManagers} remove the fields those
 * managers own. A new object is applied as Git says. Rules compile once; a bad pointer or jq fails construction.
 */
public final class IgnoredFields {

    private record Rule(IgnoreDifference rule, List<JsonPointer> pointers, List<JqPathExpression> jq,
            Set<String> managers) {}

    private final List<Rule> rules;

    public IgnoredFields(List<IgnoreDifference> ignoreDifferences) {
        this.rules = ignoreDifferences.stream().map(d -> new Rule(d,
                d.jsonPointers().stream().map(IgnoredFields::pointer).toList(),
                d.jqPathExpressions().stream().map(JqPathExpression::new).toList(),
                Set.copyOf(d.managedFieldsManagers()))).toList();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** {@code target} without the ignored fields (see the class comment); {@code target} itself when nothing matches. */
    public KubeObject respect(KubeObject target, KubeObject live) {
        if (live == null || rules.stream().noneMatch(r -> r.rule().matches(target.key()))) {
            return target;
        }
        ObjectNode out = target.mutableCopy();
        ArrayNode managedFields = live.metadata().path("managedFields") instanceof ArrayNode a ? a
                : JsonNodeFactory.instance.arrayNode();
        ObjectNode othersOnly = live.node().deepCopy();
        FieldSet.ofManagers(managedFields, AnnotationNames.FIELD_MANAGER::equals).removeFrom(othersOnly);
        for (Rule r : rules) {
            if (!r.rule().matches(target.key())) {
                continue;
            }
            for (JsonPointer p : r.pointers()) {
                JsonNode liveValue = live.node().at(p);
                boolean ours = !managedFields.isEmpty() && othersOnly.at(p).isMissingNode();
                if (liveValue.isMissingNode() || (!managedFields.isEmpty() && !ours)) {
                    remove(out, p);
                } else {
                    set(out, p, liveValue.deepCopy());
                }
            }
            r.jq().forEach(jq -> jq.deleteFrom(out));
            if (!r.managers().isEmpty()) {
                FieldSet.ofManagers(managedFields, r.managers()::contains).removeFrom(out);
            }
        }
        return new KubeObject(out, target.source());
    }

    private static JsonPointer pointer(String p) {
        if (p == null || !p.startsWith("/")) {
            throw new IllegalArgumentException("ignoreDifferences jsonPointers '" + p
                    + "' is not a JSON pointer: it must start with '/', like /spec/replicas");
        }
        return JsonPointer.compile(p);
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

    private static void set(ObjectNode tree, JsonPointer p, JsonNode value) {
        JsonNode parent = tree.at(p.head());
        JsonPointer last = p.last();
        if (parent instanceof ObjectNode obj) {
            obj.set(last.getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode arr && last.mayMatchElement() && last.getMatchingIndex() < arr.size()) {
            arr.set(last.getMatchingIndex(), value);
        }
    }
}
