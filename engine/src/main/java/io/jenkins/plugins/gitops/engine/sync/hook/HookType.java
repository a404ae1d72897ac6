package io.jenkins.plugins.gitops.engine.sync.hook;

import java.util.Arrays;
import java.util.Optional;

/**
 * The values of the {@code argocd.argoproj.io/hook} annotation, spelled exactly as Argo CD users write them
 * (gitops-engine {@code common.HookType}, plus Argo CD's {@code PreDelete} and {@code PostDelete}, which its
 * application controller runs: {@code controller/hook.go}).
 *
 * <p>{@code PreSync}, {@code Sync}, {@code PostSync} and {@code SyncFail} name the sync phase a hook runs in.
 * {@code Skip} alone means "never apply this object". {@code PreDelete} and {@code PostDelete} hooks run only when the
 * application is deleted (before its resources are deleted, and after they are gone); a sync neither applies nor
 * reports them.
 */
public enum HookType {
    PreSync,
    Sync,
    PostSync,
    SyncFail,
    Skip,
    PreDelete,
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
