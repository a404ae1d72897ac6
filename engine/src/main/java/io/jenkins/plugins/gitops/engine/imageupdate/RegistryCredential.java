package io.jenkins.plugins.gitops.engine.imageupdate;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A username and password (or token) for the images whose {@code registry/repository} starts with {@code prefix}
 * ({@code ghcr.io}, {@code ghcr.io/acme}). The longest matching prefix wins. The password never appears in
 * {@link #toString()}.
 */
public record RegistryCredential(String prefix, String username, String password) {

    /** The credential for {@code image} among {@code all}: the longest prefix that matches at a path boundary. */
    public static Optional<RegistryCredential> find(List<RegistryCredential> all, ImageReference image) {
        String full = image.registry() + "/" + image.repository();
        return all.stream()
                .filter(c -> matches(c.prefix(), full))
                .max(Comparator.comparingInt(c -> normalise(c.prefix()).length()));
    }

    private static boolean matches(String prefix, String full) {
        String p = normalise(prefix);
        return full.equals(p) || full.startsWith(p + "/") || p.isEmpty();
    }

    private static String normalise(String prefix) {
        String p = prefix == null ? "" : prefix.trim();
        p = p.replaceFirst("^https?://", "");
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("index.docker.io") || p.equals("registry-1.docker.io") || p.startsWith("index.docker.io/v1")) {
            p = ImageReference.DOCKER_HUB;
        }
        return p;
    }

    @Override
    public String toString() {
        return "RegistryCredential[" + prefix + ", " + username + ", ****]";
    }
}
