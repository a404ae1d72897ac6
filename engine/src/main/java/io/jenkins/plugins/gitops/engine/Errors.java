package io.jenkins.plugins.gitops.engine;

/** One readable line for any failure: its message (already naming file, field or resource), else its type. */
final class Errors {

    private Errors() {}

    static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            Throwable c = t.getCause();
            return c != null ? describe(c) : t.getClass().getSimpleName();
        }
        return m;
    }
}
