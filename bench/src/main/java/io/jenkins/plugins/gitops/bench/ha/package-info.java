/**
 * Issue "High availability": the throughput of 1, 2 and 3 controllers sharing the applications through shard
 * Leases on a real API server ({@code --kubeconfig}).
 */
package io.jenkins.plugins.gitops.bench.ha;
