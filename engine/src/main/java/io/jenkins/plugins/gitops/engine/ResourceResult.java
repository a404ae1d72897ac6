package io.jenkins.plugins.gitops.engine;

/**
 * What a sync did to one resource or hook (Argo CD's {@code syncResult.resources[]}): {@code status} is Synced,
 * SyncFailed, Pruned or PruneSkipped; {@code hookType} is empty for ordinary resources, else PreSync, Sync, PostSync
 * or SyncFail, with {@code hookPhase} the hook's outcome (Running, Succeeded, Failed, Terminating); {@code syncPhase}
 * the phase it ran in and {@code wave} its wave.
 */
public record ResourceResult(String group, String version, String kind, String namespace, String name,
        String status, String message, String hookType, String hookPhase, String syncPhase, int wave) {}
