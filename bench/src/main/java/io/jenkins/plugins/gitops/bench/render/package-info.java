/**
 * The render benchmark (issue "Foundation"): a directory application of thousands of plain manifests in a real Git
 * repository served over smart HTTP on loopback, rendered by the engine cold (new Git cache and render cache: clone,
 * resolve, materialise, parse), warm (fetch with nothing new, render cache hit) and warm without the render cache
 * (parse only), next to {@code kubectl kustomize} building a copy of the same tree.
 *
 * <p>{@link io.jenkins.plugins.gitops.bench.render.ManifestCorpus} generates the manifests (Deployments, Services and
 * ConfigMaps; half of the services bundled three to a file, half one object per file, spread over team directories);
 * the compare benchmark reuses it.
 */
package io.jenkins.plugins.gitops.bench.render;
