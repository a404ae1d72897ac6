package io.jenkins.plugins.gitops.engine.view;

import java.util.Map;

/**
 * The symbol drawn before a health or sync label, so statuses differ in shape as well as colour (the label text is
 * always next to it): a heart for Healthy, a cross for Degraded, an arrow for OutOfSync, as in Argo CD.
 */
public final class StatusGlyphs {

    private static final Map<String, String> GLYPHS = Map.ofEntries(
            Map.entry("Healthy", "\u2665"),
            Map.entry("Progressing", "\u25D4"),
            Map.entry("Degraded", "\u2716"),
            Map.entry("Suspended", "\u2016"),
            Map.entry("Missing", "\u25CC"),
            Map.entry("Unknown", "?"),
            Map.entry("Synced", "\u2714"),
            Map.entry("OutOfSync", "\u2191"),
            Map.entry("Succeeded", "\u2714"),
            Map.entry("Failed", "\u2716"),
            Map.entry("Error", "\u2716"),
            Map.entry("Running", "\u25D4"));

    private StatusGlyphs() {}

    /** The glyph of {@code status}; a dot for statuses without one, empty for none. */
    public static String of(String status) {
        if (status == null || status.isEmpty()) {
            return "";
        }
        return GLYPHS.getOrDefault(status, "\u2022");
    }
}
