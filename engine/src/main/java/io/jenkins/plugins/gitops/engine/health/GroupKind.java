package io.jenkins.plugins.gitops.engine.health;

import io.jenkins.plugins.gitops.engine.model.KubeObject;

/** API group (empty for core) and kind: the key of the health check table; versions share one check. */
record GroupKind(String group, String kind) {

    static GroupKind of(KubeObject obj) {
        return new GroupKind(obj.group(), obj.kind());
    }

    @Override
    public String toString() {
        return group.isEmpty() ? kind : group + "/" + kind;
    }
}
