package io.jenkins.plugins.gitops.config;

import hudson.Util;
import hudson.util.FormValidation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Form checks shared by the configuration pages. Messages name the field in words a person recognises. */
final class Validation {

    /** Argo CD cluster names are free text, but we keep them to what fits in URLs and YAML without quoting. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private Validation() {}

    /**
     * A Maven repository URL for helm-java's native library: http(s) with a host, or file.
     *
     * @throws IllegalArgumentException naming the field when it is not one
     */
    static void repositoryUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            boolean ok = scheme.equals("file") || (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null;
            if (!ok) {
                throw new IllegalArgumentException("Helm and Jsonnet runtime repository: '" + value + "' is not an "
                        + "http, https or file URL of a Maven repository (such as https://repo1.maven.org/maven2/)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Helm and Jsonnet runtime repository: '" + value + "' is not a URL: "
                    + e.getReason(), e);
        }
    }

    static FormValidation positiveInt(String value, int min, String what) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok();
        }
        try {
            int n = Integer.parseInt(v);
            return n >= min ? FormValidation.ok() : FormValidation.error(what + " must be at least " + min);
        } catch (NumberFormatException e) {
            return FormValidation.error(what + " must be a whole number, not '" + v + "'");
        }
    }

    static FormValidation name(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.error("A name is required: Applications refer to the cluster by it "
                    + "(spec.destination.name)");
        }
        return NAME.matcher(v).matches() ? FormValidation.ok()
                : FormValidation.error("Use letters, digits, '-', '_' and '.', starting and ending with a letter "
                        + "or digit");
    }

    static FormValidation httpsUrl(String value, boolean required, String what) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return required ? FormValidation.error(what + " is required") : FormValidation.ok();
        }
        try {
            URI uri = new URI(v);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return FormValidation.error(what + " must be an absolute URL such as https://10.0.0.1:6443");
            }
            if (!"https".equals(uri.getScheme())) {
                return FormValidation.warning(what + " does not use https: the token would travel in clear text");
            }
            return FormValidation.ok();
        } catch (URISyntaxException e) {
            return FormValidation.error(what + " is not a valid URL: " + e.getReason());
        }
    }
}
