/**
 * Issue 11 (Helm repositories): rendering a chart from a Helm chart repository on loopback, cold (index, download,
 * unpack, template) and cached (archive by digest, render cache), next to helm-java's {@code helm template} of the
 * same unpacked chart.
 */
package io.jenkins.plugins.gitops.bench.helmrepo;
