package io.jenkins.plugins.gitops.engine.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as Argo CD writes them: {@code 5s}, {@code 3m}, {@code 1h30m}, {@code 250ms}, or plain seconds. */
public final class DurationParser {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private DurationParser() {}

    /** Parses a Go duration; throws IllegalArgumentException naming the text when it is not one. */
    public static Duration parse(String text) {
        String t = text.trim();
        if (t.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        Matcher m = PART.matcher(t);
        int pos = 0;
        long millis = 0;
        while (m.find() && m.start() == pos) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> (long) n;
                case "s" -> (long) (n * 1000);
                case "m" -> (long) (n * 60_000);
                default -> (long) (n * 3_600_000);
            };
            pos = m.end();
        }
        if (pos != t.length() || t.isEmpty()) {
            throw new IllegalArgumentException("not a duration (expected e.g. 5s, 3m, 1h): " + text);
        }
        return Duration.ofMillis(millis);
    }

    static Duration parse(FieldReader r, String field, Duration def) {
        String s = r.string(field, null);
        if (s == null || s.isEmpty()) {
            return def;
        }
        try {
            return parse(s);
        } catch (IllegalArgumentException e) {
            r.error(r.childPath(field), e.getMessage());
            return def;
        }
    }
}
