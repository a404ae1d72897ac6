package io.jenkins.plugins.gitops.engine.diff;

import java.util.Locale;

/**
 * Explains differences between two strings that look the same when printed: a no-break space instead of a space, a
 * zero-width space, a byte order mark. Such values make a YAML diff show two identical-looking lines, the classic
 * "OutOfSync but the diff is empty" complaint, so the field difference names the character instead.
 */
final class InvisibleCharacters {

    private InvisibleCharacters() {}

    /** An explanation when the strings differ only in characters a reader cannot tell apart, else empty. */
    static String explain(String live, String desired) {
        if (live.equals(desired) || !visible(live).equals(visible(desired))) {
            return "";
        }
        int i = 0;
        while (i < live.length() && i < desired.length() && live.charAt(i) == desired.charAt(i)) {
            i++;
        }
        return "the values look identical but differ at character " + i + ": live has " + describe(live, i)
                + " where Git has " + describe(desired, i);
    }

    /** The string as a reader perceives it: invisible characters dropped, space-like characters as spaces. */
    static String visible(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isSpaceChar(cp) || cp == '\t') {
                b.append(' ');
            } else if (!isInvisible(cp)) {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.CONTROL && cp != '\n' && cp != '\r';
    }

    private static String describe(String s, int i) {
        if (i >= s.length()) {
            return "nothing (end of value)";
        }
        int cp = s.codePointAt(i);
        String name = Character.getName(cp);
        return String.format(Locale.ROOT, "U+%04X %s", cp, name == null ? "" : name).trim();
    }
}
