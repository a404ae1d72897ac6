package io.jenkins.plugins.gitops.engine.imageupdate;

import java.util.List;

/**
 * What a registry answered for {@code GET /v2/<name>/manifests/<reference>}. Invariant: an index (OCI image index or
 * Docker manifest list) has {@code platforms} and no {@code configDigest}; an image manifest has a
 * {@code configDigest} and no {@code platforms}.
 *
 * @param digest the manifest's digest ({@code Docker-Content-Digest}, else the SHA-256 of the body)
 * @param mediaType its media type
 * @param configDigest the config blob of an image manifest
 * @param platforms the entries of an index
 */
public record Manifest(String digest, String mediaType, String configDigest, List<Entry> platforms) {

    public boolean isIndex() {
        return configDigest == null;
    }

    /** One platform-specific manifest of an index. */
    public record Entry(String digest, String os, String architecture, String variant) {
        @Override
        public String toString() {
            return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
        }
    }
}
