package io.jenkins.plugins.gitops.engine.imageupdate;

/** A problem that stops the update of one application (bad annotation, registry error, write-back failure). */
public class ImageUpdateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImageUpdateException(String message) {
        super(message);
    }

    public ImageUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
