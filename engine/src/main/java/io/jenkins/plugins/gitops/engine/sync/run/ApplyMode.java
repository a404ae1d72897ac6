package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.cluster.ApplyOptions;
import io.jenkins.plugins.gitops.engine.cluster.ClusterException;
import io.jenkins.plugins.gitops.engine.cluster.ResourceApplier;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.SyncTask;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How one target object is written, chosen by {@link #RULES} (first match wins), as gitops-engine's
 * {@code applyObject} chooses between {@code kubectl apply}, {@code replace} and {@code create}.
 */
enum ApplyMode {
    /** A hook with {@code metadata.generateName} that has no live object: created, the server may pick the name. */
    CREATE("created") {
        @Override
        KubeObject write(ResourceApplier applier, KubeObject target, ApplyOptions options) {
            return applier.create(target, options);
        }
    },
    /** {@code Replace=true,Force=true}: delete and create again (kubectl replace --force). */
    FORCE_REPLACE("replaced (deleted and created again)") {
        @Override
        KubeObject write(ResourceApplier applier, KubeObject target, ApplyOptions options) {
            return applier.replace(target, true, options);
        }
    },
    /** {@code Replace=true}: the object becomes exactly the target (kubectl replace / create). */
    REPLACE("replaced") {
        @Override
        KubeObject write(ResourceApplier applier, KubeObject target, ApplyOptions options) {
            return applier.replace(target, false, options);
        }
    },
    /**
     * {@code Force=true} without Replace: apply, and when the server refuses the change (an immutable field) delete
     * and create again, as {@code kubectl apply --force} does.
     */
    FORCE_APPLY(null) {
        @Override
        KubeObject write(ResourceApplier applier, KubeObject target, ApplyOptions options) {
            try {
                return applier.apply(target, options);
            } catch (ClusterException e) {
                if (e.reason() != ClusterException.Reason.REJECTED && e.reason() != ClusterException.Reason.CONFLICT) {
                    throw e;
                }
                return applier.replace(target, true, options);
            }
        }
    },
    /**
     * {@code Validate=false} with server-side apply: written client-side, because a real API server cannot skip the
     * schema in a server-side apply (an unknown field is an HTTP 500 "field not declared in schema"); the result
     * message says so.
     */
    CLIENT_SIDE_UNVALIDATED(null) {
        @Override
        KubeObject write(ResourceApplier applier, KubeObject target, ApplyOptions options) {
            return applier.apply(target, options.withServerSide(false));
        }

        @Override
        String message(KubeObject before, KubeObject after) {
            return super.message(before, after) + " (applied client-side: server-side apply cannot skip schema"
                    + " validation, and Validate=false asks for that)";
        }
    },
    /** The default: server-side apply as our field manager. */
    SERVER_SIDE_APPLY(null) {
        @Override
        KubeObject write(ResourceApplier applier, KubeObject target, ApplyOptions options) {
            return applier.apply(target, options.withServerSide(true));
        }
    },
    /** {@code ServerSideApply=false}: kubectl-style client-side apply with the last-applied annotation. */
    CLIENT_SIDE_APPLY(null) {
        @Override
        KubeObject write(ResourceApplier applier, KubeObject target, ApplyOptions options) {
            return applier.apply(target, options.withServerSide(false));
        }
    };

    /**
     * Kinds never deleted to be replaced: re-creating a CRD deletes all its custom resources, re-creating a Namespace
     * everything in it (gitops-engine updates them instead).
     */
    static final Set<String> NEVER_FORCED = Set.of("CustomResourceDefinition", "Namespace");

    private record Rule(Predicate<SyncTask> applies, ApplyMode mode) {}

    private static final List<Rule> RULES = List.of(
            new Rule(t -> t.isHook() && t.live().isEmpty() && !t.object().generateName().isEmpty(), CREATE),
            new Rule(t -> t.options().replace() && t.options().force() && !NEVER_FORCED.contains(t.kind()),
                    FORCE_REPLACE),
            new Rule(t -> t.options().replace(), REPLACE),
            new Rule(t -> t.options().force() && !NEVER_FORCED.contains(t.kind()), FORCE_APPLY),
            new Rule(t -> t.options().serverSideApply() && !t.options().validate(), CLIENT_SIDE_UNVALIDATED),
            new Rule(t -> t.options().serverSideApply(), SERVER_SIDE_APPLY),
            new Rule(t -> true, CLIENT_SIDE_APPLY));

    private final String fixedMessage;

    ApplyMode(String fixedMessage) {
        this.fixedMessage = fixedMessage;
    }

    static ApplyMode of(SyncTask task) {
        return RULES.stream().filter(r -> r.applies().test(task)).findFirst().orElseThrow().mode();
    }

    /**
     * The options of one write: the base options with the task's ServerSideApply and Validate options. Git is the
     * source of truth, so conflicts with other field managers are forced (as Argo CD does), unless the resource or the
     * application says {@code FailOnConflict=true}; {@link TaskWriter} then names the managers fields were taken from.
     */
    static ApplyOptions options(ApplyOptions base, SyncTask task, boolean dryRun) {
        return base.withServerSide(task.options().serverSideApply()).withValidate(task.options().validate())
                .withForceConflicts(!task.options().failOnConflict()).withDryRun(dryRun);
    }


    abstract KubeObject write(ResourceApplier applier, KubeObject target, ApplyOptions options);

    /** kubectl's words: created, configured, unchanged, replaced. {@code before} is the live object, if any. */
    String message(KubeObject before, KubeObject after) {
        if (fixedMessage != null) {
            return before == null && this != CREATE ? "created" : fixedMessage;
        }
        if (before == null) {
            return "created";
        }
        String was = before.metadata().path("resourceVersion").asText();
        String is = after.metadata().path("resourceVersion").asText();
        return !was.isEmpty() && was.equals(is) ? "unchanged" : "configured";
    }
}
