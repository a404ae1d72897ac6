package io.jenkins.plugins.gitops.engine.notify;

/** A trigger condition that does not parse, or fails while it is evaluated; the message quotes the expression. */
public class ExprException extends RuntimeException {

    public ExprException(String message) {
        super(message);
    }
}
