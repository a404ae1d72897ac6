package io.jenkins.plugins.gitops.engine.webhook;

/** A pushed ref: {@code refs/heads/main} is branch {@code main}, {@code refs/tags/v1} is tag {@code v1}. */
record Ref(String name, boolean tag) {

    static Ref parse(String ref) {
        if (ref.startsWith("refs/heads/")) {
            return new Ref(ref.substring("refs/heads/".length()), false);
        }
        if (ref.startsWith("refs/tags/")) {
            return new Ref(ref.substring("refs/tags/".length()), true);
        }
        return new Ref(ref, false);
    }
}
