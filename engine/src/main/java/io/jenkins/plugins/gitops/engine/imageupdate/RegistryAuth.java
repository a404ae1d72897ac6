package io.jenkins.plugins.gitops.engine.imageupdate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge as registries send it: {@code Basic realm="..."} or
 * {@code Bearer realm="https://auth/token",service="registry",scope="repository:app:pull"} (distribution's token
 * authentication specification).
 */
record RegistryAuth(String scheme, Map<String, String> params) {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=(?:\"([^\"]*)\"|([^,\\s]*))");

    static RegistryAuth parse(String header) {
        if (header == null || header.isBlank()) {
            return new RegistryAuth("", Map.of());
        }
        String h = header.trim();
        int space = h.indexOf(' ');
        String scheme = space < 0 ? h : h.substring(0, space);
        Map<String, String> params = new LinkedHashMap<>();
        if (space >= 0) {
            Matcher m = PARAM.matcher(h.substring(space + 1));
            while (m.find()) {
                params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        return new RegistryAuth(scheme.toLowerCase(java.util.Locale.ROOT), Map.copyOf(params));
    }

    boolean bearer() {
        return scheme.equals("bearer");
    }

    boolean basic() {
        return scheme.equals("basic");
    }
}
