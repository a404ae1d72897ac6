package io.jenkins.plugins.gitops.engine.imageupdate;

import java.util.Locale;

/**
 * A container image name split the way Docker and Argo CD Image Updater split it: {@code registry/repository:tag@digest}.
 * Invariant: {@code registry} and {@code repository} are never empty; {@code tag} and {@code digest} may be.
 * A name without a registry part lives on Docker Hub ({@code docker.io}); a one-segment Docker Hub name gets the
 * {@code library/} namespace ({@code nginx} is {@code docker.io/library/nginx}). The first segment is a registry when
 * it contains a dot or a colon or is {@code localhost}, as in Docker's reference grammar.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";

    public ImageReference {
        tag = tag == null ? "" : tag;
        digest = digest == null ? "" : digest;
    }

    /** Parses {@code [registry/]repository[:tag][@digest]}; throws IllegalArgumentException naming the text. */
    public static ImageReference parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty image name");
        }
        String digest = "";
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            s = s.substring(0, at);
        }
        String tag = "";
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        String repository = s;
        int slash = s.indexOf('/');
        if (slash > 0) {
            String first = s.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.toLowerCase(Locale.ROOT);
                repository = s.substring(slash + 1);
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        if (repository.isEmpty() || !repository.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*")) {
            throw new IllegalArgumentException("'" + text + "' is not a valid image name");
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** The same image without tag and digest. */
    public ImageReference withoutVersion() {
        return new ImageReference(registry, repository, "", "");
    }

    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, newTag, "");
    }

    /** Whether both name the same repository (tag and digest ignored). */
    public boolean sameRepository(ImageReference other) {
        return registry.equals(other.registry) && repository.equals(other.repository);
    }

    /** {@code registry/repository}, with Docker Hub names shortened as people write them ({@code nginx}). */
    public String name() {
        if (registry.equals(DOCKER_HUB)) {
            return repository.startsWith("library/") ? repository.substring("library/".length()) : repository;
        }
        return registry + "/" + repository;
    }

    /** The tag (or {@code tag@digest}, or {@code @digest}) a manifest points at: what write-back records. */
    public String version() {
        if (digest.isEmpty()) {
            return tag;
        }
        return tag.isEmpty() ? "@" + digest : tag + "@" + digest;
    }

    @Override
    public String toString() {
        String v = version();
        return name() + (v.isEmpty() ? "" : v.startsWith("@") ? v : ":" + v);
    }
}
