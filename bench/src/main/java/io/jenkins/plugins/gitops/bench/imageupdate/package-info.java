/**
 * Issue "Image updater": tag selection over a large tag list and whole update cycles over many applications against a
 * real distribution registry on loopback, counting registry requests next to the tag-list-only lower bound.
 */
package io.jenkins.plugins.gitops.bench.imageupdate;
