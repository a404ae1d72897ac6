package io.jenkins.plugins.gitops.engine.sync.hook;

import java.util.Arrays;
import java.util.Optional;

/**
 * When a hook object is deleted: the values of {@code argocd.argoproj.io/hook-delete-policy}
 * (gitops-engine {@code common.HookDeletePolicy}). A hook without any policy gets {@link #BeforeHookCreation}.
 */
public enum HookDeletePolicy {
    /** Delete the hook after it completed successfully. */
    HookSucceeded,
    /** Delete the hook after it failed. */
    HookFailed,
    /** Delete a hook left from an earlier sync before creating it again (the default). */
    BeforeHookCreation,
    /** Never delete the hook automatically (newer Argo CD releases). */
    Never;

    /** The policy used when an object declares none. */
    public static final HookDeletePolicy DEFAULT = BeforeHookCreation;

    /** The policy with exactly this (case-sensitive) name. */
    public static Optional<HookDeletePolicy> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.name().equals(text)).findFirst();
    }
}
