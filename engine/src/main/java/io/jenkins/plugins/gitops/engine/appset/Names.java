package io.jenkins.plugins.gitops.engine.appset;

import java.util.Locale;

/** Argo CD's {@code SanitizeName}: a DNS-1123 subdomain made from any text ({@code nameNormalized} parameters). */
final class Names {

    private static final int MAX_DNS_NAME = 253;

    private Names() {}

    /**
     * Lower case; characters other than {@code [-a-z0-9.]} become '-'; at most 253 characters; no leading or
     * trailing '-' or '.'.
     */
    static String sanitize(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^-a-z0-9.]", "-");
        if (s.length() > MAX_DNS_NAME) {
            s = s.substring(0, MAX_DNS_NAME);
        }
        return s.replaceAll("^[-.]+", "").replaceAll("[-.]+$", "");
    }
}
