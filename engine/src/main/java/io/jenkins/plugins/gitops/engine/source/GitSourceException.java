package io.jenkins.plugins.gitops.engine.source;

/**
 * A Git source operation failed: fetch, revision resolution or reading a tree. The message names the repository (with
 * credentials removed) and what was asked for; it never contains a secret. The JGit exception that caused it is not
 * attached as a cause, because JGit messages may carry URLs with user-info; its redacted message is part of this
 * message instead.
 */
public class GitSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GitSourceException(String message) {
        super(message);
    }
}
