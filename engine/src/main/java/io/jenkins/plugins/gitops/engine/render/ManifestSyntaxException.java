package io.jenkins.plugins.gitops.engine.render;

/**
 * A manifest file or tool output could not be read as Kubernetes objects. Names the file, and the line or document
 * where reading failed. {@link #objectsBefore()} counts the objects read successfully before the failure (Argo CD
 * ignores unrelated YAML files only when nothing in them parsed).
 */
public class ManifestSyntaxException extends RenderException {

    private final int objectsBefore;

    ManifestSyntaxException(String message, int objectsBefore) {
        super(message);
        this.objectsBefore = objectsBefore;
    }

    public int objectsBefore() {
        return objectsBefore;
    }
}
