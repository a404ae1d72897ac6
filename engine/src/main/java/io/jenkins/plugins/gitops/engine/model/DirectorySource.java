package io.jenkins.plugins.gitops.engine.model;

/**
 * {@code spec.source.directory}: plain manifests, optionally recursive, filtered by globs (exclude wins), with the
 * settings its {@code .jsonnet} files are evaluated with.
 */
public record DirectorySource(boolean recurse, String include, String exclude, JsonnetSource jsonnet) {
    public static final DirectorySource DEFAULT = new DirectorySource(false, "", "", JsonnetSource.DEFAULT);

    public DirectorySource {
        jsonnet = jsonnet == null ? JsonnetSource.DEFAULT : jsonnet;
    }

    /** A directory source without Jsonnet settings. */
    public DirectorySource(boolean recurse, String include, String exclude) {
        this(recurse, include, exclude, JsonnetSource.DEFAULT);
    }

    static DirectorySource read(FieldReader r) {
        if (!r.present()) {
            return DEFAULT;
        }
        return new DirectorySource(r.bool("recurse", false), r.string("include", ""), r.string("exclude", ""),
                JsonnetSource.read(r.child("jsonnet")));
    }
}
