package io.jenkins.plugins.gitops.engine.model;

/** {@code spec.source.directory}: plain manifests, optionally recursive, filtered by globs (exclude wins). */
public record DirectorySource(boolean recurse, String include, String exclude) {
    public static final DirectorySource DEFAULT = new DirectorySource(false, "", "");

    static DirectorySource read(FieldReader r) {
        if (!r.present()) {
            return DEFAULT;
        }
        return new DirectorySource(r.bool("recurse", false), r.string("include", ""), r.string("exclude", ""));
    }
}
