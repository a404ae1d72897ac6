package io.jenkins.plugins.gitops.engine.model;

import java.nio.file.Path;

/** Lexical checks that a repository-relative path stays inside the repository. */
public final class PathSafety {

    private PathSafety() {}

    /** True when the relative path, normalised, climbs above its root ({@code ../x}, {@code a/../../b}). */
    public static boolean escapes(String relative) {
        if (relative == null || relative.isEmpty()) {
            return false;
        }
        if (relative.startsWith("/")) {
            return true;
        }
        Path p = Path.of(relative).normalize();
        return p.startsWith("..");
    }
}
