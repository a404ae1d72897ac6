package io.jenkins.plugins.gitops.cli;

/** Turns any failure into the one line the CLI prints on stderr. */
final class ErrorMessages {

    private ErrorMessages() {}

    static String oneLine(Throwable t) {
        Throwable root = t;
        String msg = t.getMessage();
        while ((msg == null || msg.isBlank()) && root.getCause() != null) {
            root = root.getCause();
            msg = root.getMessage();
        }
        if (msg == null || msg.isBlank()) {
            msg = root.getClass().getSimpleName();
        }
        return msg.replace('\n', ' ').strip();
    }
}
