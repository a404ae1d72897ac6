package io.jenkins.plugins.gitops.engine.appset;

/** A template could not be parsed or executed; the message quotes the template and the failing key or function. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
