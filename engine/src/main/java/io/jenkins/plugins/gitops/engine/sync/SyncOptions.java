package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.AnnotationNames;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.sync.hook.AnnotationCsv;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A set of sync options as written by users: the application's {@code spec.syncPolicy.syncOptions} list or a
 * resource's {@code argocd.argoproj.io/sync-options} annotation (comma separated, items trimmed). Each item is
 * {@code Name=value}; options not written take their {@link SyncOption#defaultValue() default}.
 *
 * <p>Resource level wins over application level: {@code app.overriddenBy(resource)}. An unknown option, a value an
 * option does not accept, or two different values for one option in the same place is an error that names the option
 * and where it was written. Immutable.
 */
public final class SyncOptions {

    /** Where application-level options are written, for error messages. */
    public static final String APPLICATION_FIELD = "spec.syncPolicy.syncOptions";

    /** No option set: every accessor returns its default. */
    public static final SyncOptions DEFAULTS = new SyncOptions(new EnumMap<>(SyncOption.class));

    private final Map<SyncOption, Object> values;

    private SyncOptions(EnumMap<SyncOption, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Parses the application's {@code spec.syncPolicy.syncOptions}; null means none. */
    public static SyncOptions fromApplication(Collection<String> syncOptions) {
        return parse(syncOptions == null ? List.of() : syncOptions, APPLICATION_FIELD);
    }

    /** Parses a resource's {@code argocd.argoproj.io/sync-options} annotation (absent means none). */
    public static SyncOptions fromAnnotation(KubeObject object) {
        return parse(AnnotationCsv.values(object, AnnotationNames.SYNC_OPTIONS),
                "annotation " + AnnotationNames.SYNC_OPTIONS + " of " + AnnotationCsv.describe(object));
    }

    /**
     * Parses {@code Name=value} items.
     *
     * @param where names the place the items were written, used in error messages
     * @throws IllegalArgumentException naming the item and {@code where} for anything we cannot honour
     */
    public static SyncOptions parse(Collection<String> items, String where) {
        EnumMap<SyncOption, Object> values = new EnumMap<>(SyncOption.class);
        for (String raw : items) {
            String item = raw == null ? "" : raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("sync option '" + item + "' in " + where
                        + " has no value; expected Name=value, e.g. " + item + "=true");
            }
            String name = item.substring(0, eq).trim();
            SyncOption option = SyncOption.named(name).orElseThrow(() -> unknown(name, item, where));
            Object value;
            try {
                value = option.parseValue(item.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "invalid sync option '" + item + "' in " + where + ": " + e.getMessage(), e);
            }
            Object previous = values.put(option, value);
            if (previous != null && !previous.equals(value)) {
                throw new IllegalArgumentException("sync option " + name + " is set twice with different values in "
                        + where + ": " + render(option, previous) + " and " + render(option, value));
            }
        }
        return new SyncOptions(values);
    }

    private static IllegalArgumentException unknown(String name, String item, String where) {
        String hint = SyncOption.namedIgnoringCase(name).map(o -> " (did you mean " + o.name() + "?)").orElse("");
        String known = Arrays.stream(SyncOption.values()).map(Enum::name).collect(Collectors.joining(", "));
        return new IllegalArgumentException("unknown sync option '" + item + "' in " + where + hint
                + "; known options: " + known);
    }

    /** These options with every option that {@code more specific} sets taking its value from there. */
    public SyncOptions overriddenBy(SyncOptions moreSpecific) {
        EnumMap<SyncOption, Object> merged = new EnumMap<>(SyncOption.class);
        merged.putAll(values);
        merged.putAll(moreSpecific.values);
        return new SyncOptions(merged);
    }

    /** Whether the option was written (rather than defaulted). */
    public boolean isSet(SyncOption option) {
        return values.containsKey(option);
    }

    /** The value of an option, or its default: a Boolean, {@link DeletionMode} or {@link PropagationPolicy}. */
    public Object get(SyncOption option) {
        return values.getOrDefault(option, option.defaultValue());
    }

    private boolean flag(SyncOption option) {
        return (Boolean) get(option);
    }

    public boolean createNamespace() {
        return flag(SyncOption.CreateNamespace);
    }

    public boolean pruneLast() {
        return flag(SyncOption.PruneLast);
    }

    public boolean applyOutOfSyncOnly() {
        return flag(SyncOption.ApplyOutOfSyncOnly);
    }

    /** True (default) for server-side apply, false for client-side apply. */
    public boolean serverSideApply() {
        return flag(SyncOption.ServerSideApply);
    }

    public boolean replace() {
        return flag(SyncOption.Replace);
    }

    public boolean force() {
        return flag(SyncOption.Force);
    }

    public boolean validate() {
        return flag(SyncOption.Validate);
    }

    public DeletionMode prune() {
        return (DeletionMode) get(SyncOption.Prune);
    }

    public DeletionMode delete() {
        return (DeletionMode) get(SyncOption.Delete);
    }

    public PropagationPolicy prunePropagationPolicy() {
        return (PropagationPolicy) get(SyncOption.PrunePropagationPolicy);
    }

    public boolean failOnSharedResource() {
        return flag(SyncOption.FailOnSharedResource);
    }

    public boolean respectIgnoreDifferences() {
        return flag(SyncOption.RespectIgnoreDifferences);
    }

    public boolean skipDryRunOnMissingResource() {
        return flag(SyncOption.SkipDryRunOnMissingResource);
    }

    public boolean clientSideApplyMigration() {
        return flag(SyncOption.ClientSideApplyMigration);
    }

    /** {@code FailOnConflict=true}: a conflict with another field manager fails the apply instead of being forced. */
    public boolean failOnConflict() {
        return flag(SyncOption.FailOnConflict);
    }

    private static String render(SyncOption option, Object value) {
        String text = value instanceof DeletionMode m ? m.value()
                : value instanceof PropagationPolicy p ? p.name().toLowerCase(java.util.Locale.ROOT)
                : String.valueOf(value);
        return option.name() + "=" + text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncOptions other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The options that were written, in Argo CD's syntax, e.g. {@code [Prune=false, ServerSideApply=false]}. */
    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> render(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
