/**
 * Benchmark of the controller (issue "Controller"): how fast a started controller sees and reverts drift
 * ({@code DriftLatency}), and what one refresh cycle of a thousand small applications with unchanged Git costs in
 * time, Git fetches and heap ({@code RefreshCycles}).
 */
package io.jenkins.plugins.gitops.bench.controller;
