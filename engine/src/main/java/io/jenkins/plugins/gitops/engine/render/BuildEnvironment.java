package io.jenkins.plugins.gitops.engine.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build environment Argo CD gives its config management tools: {@code ARGOCD_APP_NAME},
 * {@code ARGOCD_APP_NAMESPACE}, {@code ARGOCD_APP_REVISION}, {@code ARGOCD_APP_SOURCE_REPO_URL},
 * {@code ARGOCD_APP_SOURCE_PATH} and {@code ARGOCD_APP_SOURCE_TARGET_REVISION}.
 *
 * <p>External tools (kustomize) receive these as process environment. Like Argo CD's {@code Env.Envsubst}, {@link
 * #substitute(String)} expands {@code $VAR} and {@code ${VAR}} in the fields Argo CD expands (kustomize images and
 * commonLabels, Helm parameters, value file and file parameter paths); unknown variables become empty and {@code $$}
 * is a literal dollar.
 */
public final class BuildEnvironment {

    public static final String APP_NAME = "ARGOCD_APP_NAME";
    public static final String APP_NAMESPACE = "ARGOCD_APP_NAMESPACE";
    public static final String APP_REVISION = "ARGOCD_APP_REVISION";
    public static final String SOURCE_REPO_URL = "ARGOCD_APP_SOURCE_REPO_URL";
    public static final String SOURCE_PATH = "ARGOCD_APP_SOURCE_PATH";
    public static final String SOURCE_TARGET_REVISION = "ARGOCD_APP_SOURCE_TARGET_REVISION";

    private final Map<String, String> variables;

    private BuildEnvironment(Map<String, String> variables) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    static BuildEnvironment of(RenderRequest request) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(APP_NAME, request.application().name());
        v.put(APP_NAMESPACE, request.application().destination().namespace());
        v.put(APP_REVISION, request.revision());
        v.put(SOURCE_REPO_URL, request.source().repoURL());
        v.put(SOURCE_PATH, request.source().path());
        v.put(SOURCE_TARGET_REVISION, request.source().targetRevision());
        return new BuildEnvironment(v);
    }

    /** The variables, in a stable order. */
    public Map<String, String> variables() {
        return variables;
    }

    /** Expands {@code $VAR} and {@code ${VAR}} from this environment only (never from the JVM's environment). */
    public String substitute(String text) {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(text, i, text.length());
                    break;
                }
                out.append(variables.getOrDefault(text.substring(i + 2, close), ""));
                i = close + 1;
            } else if (Character.isLetterOrDigit(next) || next == '_') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                out.append(variables.getOrDefault(text.substring(i + 1, end), ""));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
