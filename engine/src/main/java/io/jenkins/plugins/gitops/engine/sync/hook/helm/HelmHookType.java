package io.jenkins.plugins.gitops.engine.sync.hook.helm;

import io.jenkins.plugins.gitops.engine.sync.hook.HookType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The values of Helm's {@code helm.sh/hook} annotation and the Argo CD hook each one becomes. The table mirrors
 * gitops-engine {@code hook/helm/type.go}: install and upgrade hooks map onto sync phases, and (as Argo CD's
 * application controller reads them, {@code controller/hook.go}) {@code pre-delete} and {@code post-delete} onto
 * PreDelete and PostDelete, which run only when the application is deleted. Rollback and test hooks have no Argo CD
 * counterpart, so an object carrying only those is a hook that never runs. {@code crd-install} (Helm 2) is not a hook at all: such objects are applied as ordinary resources.
 */
public enum HelmHookType {
    PRE_INSTALL("pre-install", HookType.PreSync),
    PRE_UPGRADE("pre-upgrade", HookType.PreSync),
    POST_INSTALL("post-install", HookType.PostSync),
    POST_UPGRADE("post-upgrade", HookType.PostSync),
    PRE_DELETE("pre-delete", HookType.PreDelete),
    POST_DELETE("post-delete", HookType.PostDelete),
    PRE_ROLLBACK("pre-rollback", null),
    POST_ROLLBACK("post-rollback", null),
    TEST("test", null),
    TEST_SUCCESS("test-success", null),
    CRD_INSTALL("crd-install", null);

    private final String value;
    private final HookType argoType;

    HelmHookType(String value, HookType argoType) {
        this.value = value;
        this.argoType = argoType;
    }

    /** The annotation value, e.g. {@code pre-install}. */
    public String value() {
        return value;
    }

    /** The Argo CD hook type this Helm hook runs as; empty when Argo CD ignores it. */
    public Optional<HookType> argoType() {
        return Optional.ofNullable(argoType);
    }

    /** The Helm hook type written as {@code text}; empty for values Helm does not define. */
    public static Optional<HelmHookType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.value.equals(text)).findFirst();
    }
}
