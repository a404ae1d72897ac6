package io.jenkins.plugins.gitops.engine.sync;

import io.jenkins.plugins.gitops.engine.model.KubeObject;

/**
 * An object with its sync annotations read: hook annotations, wave and effective options. Reading is where invalid
 * annotations are found, so the planner can report every problem at once.
 */
record PlannedObject(KubeObject object, HookSpec hook, int wave, SyncOptions options) {

    /**
     * Reads a desired object.
     *
     * @throws IllegalArgumentException naming the object for a missing kind or name, or an invalid annotation
     */
    static PlannedObject read(KubeObject object, SyncOptions appOptions) {
        if (object.kind().isEmpty()) {
            throw new IllegalArgumentException(where(object) + ": object has no kind");
        }
        HookSpec hook = HookSpec.of(object);
        if (object.name().isEmpty() && !(hook.hook() && !object.generateName().isEmpty())) {
            throw new IllegalArgumentException(where(object) + ": " + object.kind() + " has no metadata.name"
                    + (hook.hook() ? " and no metadata.generateName"
                    : object.generateName().isEmpty() ? ""
                    : " (only hooks may use metadata.generateName '" + object.generateName() + "': a resource needs"
                            + " a fixed name so that later syncs find it; give it a metadata.name, or make it a hook)"));
        }
        int wave = SyncWave.of(object);
        return new PlannedObject(object, hook, wave, appOptions.overriddenBy(SyncOptions.fromAnnotation(object)));
    }

    private static String where(KubeObject object) {
        return object.source().isEmpty() ? "object without source" : object.source();
    }
}
