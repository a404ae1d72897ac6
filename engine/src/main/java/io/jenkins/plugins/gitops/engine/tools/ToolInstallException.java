package io.jenkins.plugins.gitops.engine.tools;

/** A tool could not be installed; the message is one line naming the tool and what went wrong. */
public class ToolInstallException extends RuntimeException {

    public ToolInstallException(String message) {
        super(message);
    }

    public ToolInstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
