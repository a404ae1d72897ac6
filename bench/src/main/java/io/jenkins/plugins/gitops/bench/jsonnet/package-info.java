/** The Jsonnet render benchmark (issue "Every source"): a 200-file Jsonnet directory app, next to the jsonnet CLI. */
package io.jenkins.plugins.gitops.bench.jsonnet;
