package io.jenkins.plugins.gitops.engine.sync;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sync options we understand, with how each value is parsed and the value used when nobody sets it. Names are
 * Argo CD's ({@code docs/user-guide/sync-options.md}, gitops-engine {@code common/types.go}) and case-sensitive as
 * there. Defaults are Argo CD's except {@link #ServerSideApply}: we apply server-side unless
 * {@code ServerSideApply=false} asks for client-side apply.
 */
public enum SyncOption {
    /** Create the destination namespace when it is missing (application level). */
    CreateNamespace(SyncOption::bool, false),
    /** Prune after all waves, as a final implicit wave. */
    PruneLast(SyncOption::bool, false),
    /** Apply only resources that are OutOfSync (hooks still run). */
    ApplyOutOfSyncOnly(SyncOption::bool, false),
    /** Server-side apply (our default) or, when false, client-side apply. */
    ServerSideApply(SyncOption::bool, true),
    /** Use replace/create instead of apply. */
    Replace(SyncOption::bool, false),
    /** With Replace: delete and re-create. */
    Force(SyncOption::bool, false),
    /** Validate manifests against the schema while applying. */
    Validate(SyncOption::bool, true),
    /** Whether the object may be pruned: true, false or confirm. */
    Prune(DeletionMode::parse, DeletionMode.ALLOWED),
    /** Whether the object is deleted with its application: true, false or confirm. */
    Delete(DeletionMode::parse, DeletionMode.ALLOWED),
    /** Propagation policy of prune deletions: foreground, background or orphan. */
    PrunePropagationPolicy(PropagationPolicy::parse, PropagationPolicy.FOREGROUND),
    /** Refuse to sync a resource that another application already tracks. */
    FailOnSharedResource(SyncOption::bool, false),
    /** Keep ignoreDifferences fields out of what is applied. */
    RespectIgnoreDifferences(SyncOption::bool, false),
    /** Skip the dry run of objects whose kind the cluster does not know yet. */
    SkipDryRunOnMissingResource(SyncOption::bool, false),
    /** Move fields owned by kubectl client-side apply to our field manager (Argo CD 3.x, default on). */
    ClientSideApplyMigration(SyncOption::bool, true),
    /**
     * Ours, not Argo CD's: fail a server-side apply that would take fields another field manager owns, instead of
     * forcing the conflict (Argo CD always forces, and so do we by default).
     */
    FailOnConflict(SyncOption::bool, false);

    private final Function<String, Object> parser;
    private final Object defaultValue;

    SyncOption(Function<String, Object> parser, Object defaultValue) {
        this.parser = parser;
        this.defaultValue = defaultValue;
    }

    /** The value used when neither the application nor the resource sets this option. */
    public Object defaultValue() {
        return defaultValue;
    }

    /**
     * Parses the text after {@code =}.
     *
     * @throws IllegalArgumentException with the accepted values when the text is not one of them
     */
    Object parseValue(String text) {
        return parser.apply(text.trim());
    }

    /** The option with exactly this (case-sensitive) name. */
    static Optional<SyncOption> named(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equals(name)).findFirst();
    }

    /** An option whose name differs only in case, to suggest a fix. */
    static Optional<SyncOption> namedIgnoringCase(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equalsIgnoreCase(name)).findFirst();
    }

    private static Object bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }
}
