package io.jenkins.plugins.gitops.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig that signs in with a bearer token (a service account's, from {@code kubectl create token}) to the
 * cluster of an admin kubeconfig the harness's {@code start.sh} wrote: same server, same certificate authority. Tests
 * of what an account with fewer rights sees use it.
 */
public final class TokenKubeconfig {

    private TokenKubeconfig() {}

    /** The kubeconfig's text; its context's namespace is {@code namespace}. */
    public static String of(Path adminKubeconfig, String token, String namespace) {
        String admin;
        try {
            admin = Files.readString(adminKubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: '%s', certificate-authority-data: %s}
                users:
                - name: limited
                  user: {token: '%s'}
                contexts:
                - name: limited
                  context: {cluster: c, user: limited, namespace: %s}
                current-context: limited
                """.formatted(value(admin, "server:"), value(admin, "certificate-authority-data:"), token, namespace);
    }

    private static String value(String kubeconfig, String key) {
        return kubeconfig.lines().map(String::trim).filter(l -> l.startsWith(key)).findFirst()
                .map(l -> l.substring(key.length()).trim())
                .orElseThrow(() -> new IllegalArgumentException("no " + key + " in the admin kubeconfig"));
    }
}
