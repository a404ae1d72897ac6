/**
 * Benchmark of the sync engine (issue "Sync engine"): a full sync of hundreds of resources from Git to an empty
 * cluster and re-syncs with nothing changed, next to {@code kubectl apply --server-side}. {@code EngineCluster} is
 * the API server the engine talks to: the engine's test mock with fake controllers running in the background, or a
 * real cluster from {@code --kubeconfig} (a throwaway namespace). Also used by the controller benchmark.
 */
package io.jenkins.plugins.gitops.bench.sync;
