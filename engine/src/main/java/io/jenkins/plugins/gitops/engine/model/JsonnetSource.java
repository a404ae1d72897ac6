package io.jenkins.plugins.gitops.engine.model;

import java.util.List;

/**
 * {@code spec.source.directory.jsonnet}: how the {@code .jsonnet} files of a directory source are evaluated, as Argo
 * CD's {@code ApplicationSourceJsonnet}: external variables and top-level arguments (each a string, or Jsonnet code
 * with {@code code: true}; values may use the build environment such as {@code $ARGOCD_APP_NAME}) and library
 * paths relative to the repository root.
 *
 * @param extVars {@code extVars}, in order
 * @param tlas {@code tlas}, in order
 * @param libs {@code libs}: import search paths, relative to the repository root
 */
public record JsonnetSource(List<Variable> extVars, List<Variable> tlas, List<String> libs) {

    public static final JsonnetSource DEFAULT = new JsonnetSource(List.of(), List.of(), List.of());

    public JsonnetSource {
        extVars = List.copyOf(extVars);
        tlas = List.copyOf(tlas);
        libs = List.copyOf(libs);
    }

    /** One external variable or top-level argument: a string, or Jsonnet code when {@code code}. */
    public record Variable(String name, String value, boolean code) {
        static Variable read(FieldReader r) {
            return new Variable(r.requiredString("name"), r.string("value", ""), r.bool("code", false));
        }
    }

    static JsonnetSource read(FieldReader r) {
        if (!r.present()) {
            return DEFAULT;
        }
        List<String> libs = r.strings("libs");
        for (int i = 0; i < libs.size(); i++) {
            if (PathSafety.escapes(libs.get(i).startsWith("/") ? libs.get(i).substring(1) : libs.get(i))) {
                r.error(r.childPath("libs") + "[" + i + "]", "must not leave the repository ('..' escapes it)");
            }
        }
        return new JsonnetSource(r.list("extVars", Variable::read), r.list("tlas", Variable::read), libs);
    }
}
