package io.jenkins.plugins.gitops.cli;

import java.util.List;

/** Checks {@code -o/--output} before a command does anything, so a typo is an error rather than the default format. */
final class OutputFormat {

    private OutputFormat() {}

    static String check(String value, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            throw new IllegalArgumentException("-o/--output must be " + String.join(" or ", allowed) + ", not '" + value
                    + "'");
        }
        return value;
    }
}
