package io.jenkins.plugins.gitops.engine.model;

/** One problem found in a document, located by its field path ({@code spec.source.path}). */
public record FieldError(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
