package io.jenkins.plugins.gitops.engine.sync.hook.helm;

import io.jenkins.plugins.gitops.engine.sync.hook.HookDeletePolicy;
import java.util.Arrays;
import java.util.Optional;

/**
 * Values of {@code helm.sh/hook-delete-policy} and the Argo CD policy each one means (gitops-engine
 * {@code hook/helm/delete_policy.go}).
 */
public enum HelmHookDeletePolicy {
    BEFORE_HOOK_CREATION("before-hook-creation", HookDeletePolicy.BeforeHookCreation),
    HOOK_SUCCEEDED("hook-succeeded", HookDeletePolicy.HookSucceeded),
    HOOK_FAILED("hook-failed", HookDeletePolicy.HookFailed);

    private final String value;
    private final HookDeletePolicy argoPolicy;

    HelmHookDeletePolicy(String value, HookDeletePolicy argoPolicy) {
        this.value = value;
        this.argoPolicy = argoPolicy;
    }

    public String value() {
        return value;
    }

    public HookDeletePolicy argoPolicy() {
        return argoPolicy;
    }

    /** The policy written as {@code text}; empty for values Helm does not define. */
    public static Optional<HelmHookDeletePolicy> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.value.equals(text)).findFirst();
    }
}
