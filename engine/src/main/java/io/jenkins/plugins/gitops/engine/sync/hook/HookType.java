package io.jenkins.plugins.gitops.engine.sync.hook;

import java.util.Arrays;
import java.util.Optional;

/**
 * The values of the {@code argocd.argoproj.io/hook} annotation, spelled exactly as Argo CD users write them
 * (gitops-engine {@code common.HookType}, plus Argo CD's {@code PostDelete}).
 *
 * <p>{@code PreSync}, {@code Sync}, {@code PostSync} and {@code SyncFail} name the sync phase a hook runs in.
 * {@code Skip} alone means "never apply this object". {@code PostDelete} hooks run when the application is deleted and
 * are ignored by a sync.
 */
public enum HookType {
    PreSync,
    Sync,
    PostSync,
    SyncFail,
    Skip,
    PostDelete;

    /** The hook type with exactly this (case-sensitive) name, as Argo CD accepts it. */
    public static Optional<HookType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.name().equals(text)).findFirst();
    }

    /** A hook type whose name differs only in case, to suggest a fix for a typo such as {@code Presync}. */
    static Optional<HookType> ignoringCase(String text) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(text)).findFirst();
    }
}
