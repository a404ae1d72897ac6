package io.jenkins.plugins.gitops.engine.render;

/**
 * Manifests could not be rendered. The message always says what failed and where: the application, the file (relative
 * to the repository root) or the tool and its trimmed error output. Messages never contain credentials.
 */
public class RenderException extends RuntimeException {

    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
