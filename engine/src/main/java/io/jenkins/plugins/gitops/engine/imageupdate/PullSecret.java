package io.jenkins.plugins.gitops.engine.imageupdate;

import java.util.Optional;
import java.util.function.Function;

/**
 * An image's {@code <alias>.pull-secret} annotation, as Argo CD Image Updater reads it: {@code pullsecret:<ns>/<name>}
 * (a {@code kubernetes.io/dockerconfigjson} secret; the {@code auths} entry for the image's registry is used),
 * {@code secret:<ns>/<name>#<field>} (the field holds {@code user:password}) or {@code env:<VARIABLE>} (the variable
 * holds {@code user:password}). Image Updater's {@code ext:<script>} is not supported. Resolving never puts a secret
 * value into a message.
 */
public record PullSecret(Kind kind, String namespace, String name, String field, String text) {

    public enum Kind { PULL_SECRET, SECRET, ENV }

    private static final String DOCKER_CONFIG_FIELD = ".dockerconfigjson";

    /** Parses the annotation's value; {@code annotation} names it in errors. */
    public static PullSecret parse(String value, String annotation) {
        String v = value.trim();
        int colon = v.indexOf(':');
        String type = colon < 0 ? "" : v.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String def = colon < 0 ? "" : v.substring(colon + 1);
        switch (type) {
            case "pullsecret" -> {
                String[] ns = namespaced(def, value, annotation);
                return new PullSecret(Kind.PULL_SECRET, ns[0], ns[1], DOCKER_CONFIG_FIELD, value);
            }
            case "secret" -> {
                int hash = def.indexOf('#');
                if (hash <= 0 || hash == def.length() - 1) {
                    throw new ImageUpdateException(annotation + ": '" + value + "' must be secret:<namespace>/<name>"
                            + "#<field>");
                }
                String[] ns = namespaced(def.substring(0, hash), value, annotation);
                return new PullSecret(Kind.SECRET, ns[0], ns[1], def.substring(hash + 1), value);
            }
            case "env" -> {
                if (!def.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new ImageUpdateException(annotation + ": '" + value + "' must be env:<VARIABLE>");
                }
                return new PullSecret(Kind.ENV, "", def, "", value);
            }
            default -> throw new ImageUpdateException(annotation + ": unknown credential source '" + value
                    + "' (pullsecret:<namespace>/<name>, secret:<namespace>/<name>#<field> or env:<VARIABLE>)");
        }
    }

    private static String[] namespaced(String def, String value, String annotation) {
        String[] p = def.split("/", -1);
        if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
            throw new ImageUpdateException(annotation + ": '" + value + "' must name the secret as <namespace>/<name>");
        }
        return new String[] {p[0].trim(), p[1].trim()};
    }

    /** The credential for {@code image}; {@code env} reads environment variables. */
    public RegistryCredential resolve(ImageReference image, SecretSource secrets, Function<String, String> env) {
        String usedBy = "pull secret '" + text + "' of " + image.name();
        return switch (kind) {
            case PULL_SECRET -> {
                String json = secrets.field(namespace, name, field, usedBy);
                Optional<RegistryCredential> c = RegistryCredential.find(
                        DockerConfig.parse(json, "secret " + namespace + "/" + name + " field " + field), image);
                yield c.map(x -> new RegistryCredential(image.registry(), x.username(), x.password()))
                        .orElseThrow(() -> new ImageUpdateException(usedBy + ": secret " + namespace + "/" + name
                                + " has no credentials for registry " + image.registry()));
            }
            case SECRET -> userPassword(secrets.field(namespace, name, field, usedBy), image,
                    usedBy + ": field '" + field + "' of secret " + namespace + "/" + name);
            case ENV -> {
                String v = env.apply(name);
                if (v == null || v.isEmpty()) {
                    throw new ImageUpdateException(usedBy + ": environment variable " + name + " is not set");
                }
                yield userPassword(v, image, usedBy + ": environment variable " + name);
            }
        };
    }

    private static RegistryCredential userPassword(String value, ImageReference image, String where) {
        String v = value.strip();
        int colon = v.indexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new ImageUpdateException(where + " is not <username>:<password>");
        }
        return new RegistryCredential(image.registry(), v.substring(0, colon), v.substring(colon + 1));
    }
}
