package io.jenkins.plugins.gitops.engine.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for markup the view classes write themselves (SVG): every user-supplied string goes through here. */
public final class Markup {

    private Markup() {}

    /** Text or attribute value with {@code & < > " '} escaped; null becomes empty. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' '); // control characters are not allowed in XML
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A query parameter value. */
    public static String query(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
