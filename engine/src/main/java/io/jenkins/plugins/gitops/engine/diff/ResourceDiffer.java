package io.jenkins.plugins.gitops.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.List;
import java.util.Objects;

/**
 * Compares one resource: normalises both sides ({@link NormalizerChain}), compares what Git declares with the live
 * object ({@link DeclaredStateComparison}), masks Secret values and renders YAML and a unified diff. Ignore rules
 * are compiled once at construction, so a bad jq expression or JSON pointer fails here with a message naming it.
 * Thread-safe once constructed.
 */
public final class ResourceDiffer {

    private final DiffOptions options;
    private final NormalizerChain chain;

    /**
     * @throws IllegalArgumentException when an ignoreDifferences rule has an invalid JSON pointer or jq expression
     */
    public ResourceDiffer(DiffOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.chain = new NormalizerChain(options);
    }

    public DiffOptions options() {
        return options;
    }

    /**
     * Compares a desired object (null when it is no longer in Git) with its live object (null when it is not in the
     * cluster). At least one must be given.
     */
    public ResourceDiff diff(KubeObject desired, KubeObject live) {
        ResourcePair pair = new ResourcePair(desired, live);
        chain.normalize(pair);
        String resource = pair.key().toString();
        ValueDescriber describer = new ValueDescriber(pair.isSecret());
        ObjectNode desiredView;
        ObjectNode liveView;
        List<FieldDifference> differences;
        if (desired != null && live != null) {
            DeclaredStateComparison.Result r = DeclaredStateComparison.compare(
                    pair.desired(), pair.live(), ours(pair), describer);
            desiredView = r.desiredView();
            liveView = r.liveView();
            differences = r.differences();
        } else if (desired != null) {
            desiredView = pair.desired();
            liveView = null;
            differences = List.of(new FieldDifference(FieldPath.ROOT.toString(), DifferenceReason.MISSING_IN_CLUSTER,
                    "Git declares it in " + (desired.source().isEmpty() ? "the application" : desired.source())));
        } else {
            desiredView = null;
            liveView = pair.live();
            differences = List.of(new FieldDifference(FieldPath.ROOT.toString(), DifferenceReason.NOT_IN_GIT,
                    "tracked by the application, no longer rendered from Git"));
        }
        if (pair.isSecret()) {
            SecretMask.apply(desiredView, liveView);
        }
        boolean requiresPruning = desired == null;
        boolean affectsAppSync = !(requiresPruning
                && ResourceAnnotations.hasCompareOption(live, ResourceAnnotations.IGNORE_EXTRANEOUS));
        String source = desired != null ? desired.source() : "live";
        if (differences.isEmpty()) {
            // Synced: the YAML is written only if someone asks for it (the views are this comparison's own trees)
            ObjectNode d = desiredView;
            ObjectNode l = liveView;
            java.util.function.Supplier<String> desiredYaml = ResourceDiff.once(() -> CanonicalYaml.write(d));
            return new ResourceDiff(pair.key(), source, requiresPruning, affectsAppSync, differences, desiredYaml,
                    () -> l != null && l.equals(d) ? desiredYaml.get() : CanonicalYaml.write(l), "");
        }
        String desiredYaml = CanonicalYaml.write(desiredView);
        // a resource's two views are often equal trees: print once
        String liveYaml = liveView != null && liveView.equals(desiredView) ? desiredYaml : CanonicalYaml.write(liveView);
        String unified = UnifiedDiff.render(resource, liveYaml, desiredYaml, differences, live != null,
                desired != null);
        return new ResourceDiff(pair.key(), source, requiresPruning, affectsAppSync, differences, desiredYaml,
                liveYaml, unified);
    }

    /** Fields we put there: our field manager's managedFields, else the client-side last-applied configuration. */
    private Ownership ours(ResourcePair pair) {
        FieldSet managed = FieldSet.ofManagers(pair.liveManagedFields(), options.fieldManager()::equals);
        ObjectNode lastApplied = pair.lastApplied();
        if (lastApplied != null && pair.isSecret()) {
            SecretDataNormalizer.fold(lastApplied);
        }
        return Ownership.union(managed.ownership("owned by field manager " + options.fieldManager()),
                LastAppliedOwnership.of(lastApplied));
    }
}
