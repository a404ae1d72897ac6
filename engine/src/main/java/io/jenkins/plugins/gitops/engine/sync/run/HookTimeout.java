package io.jenkins.plugins.gitops.engine.sync.run;

import io.jenkins.plugins.gitops.engine.model.DurationParser;
import io.jenkins.plugins.gitops.engine.sync.SyncTask;
import java.time.Duration;

/**
 * How long a hook may run before the operation gives up on it: the hook's {@value SyncContext#HOOK_TIMEOUT_ANNOTATION}
 * annotation (a Go duration such as {@code 5m}, {@code 90s}, {@code 1h30m}) or the context's default. Argo CD has no
 * such limit, so a hook that never completes blocks the application until someone terminates the operation.
 */
final class HookTimeout {

    private HookTimeout() {}

    /**
     * The hook's limit.
     *
     * @throws IllegalArgumentException naming the hook and the annotation when the value is not a positive duration
     */
    static Duration of(SyncTask hook, Duration fallback) {
        String text = hook.object().annotation(SyncContext.HOOK_TIMEOUT_ANNOTATION);
        if (text == null) {
            return fallback;
        }
        Duration parsed;
        try {
            parsed = DurationParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(hook, text, e);
        }
        if (parsed.isZero()) {
            throw invalid(hook, text, null);
        }
        return parsed;
    }

    private static IllegalArgumentException invalid(SyncTask hook, String text, Exception cause) {
        return new IllegalArgumentException(hook.key() + ": annotation " + SyncContext.HOOK_TIMEOUT_ANNOTATION
                + " must be a positive duration such as 5m or 90s, got '" + text + "'", cause);
    }

    /** {@code 5m}, {@code 90s}, {@code 1h30m}: the way users write durations. */
    static String format(Duration d) {
        StringBuilder out = new StringBuilder();
        if (d.toHoursPart() > 0 || d.toDays() > 0) {
            out.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || out.length() == 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        return out.toString();
    }
}
