package io.jenkins.plugins.gitops.engine.project;

import java.util.regex.Pattern;

/**
 * A compiled glob pattern with the syntax of Argo CD's {@code util/glob} (gobwas/glob): {@code *} any run of
 * characters except a separator, {@code **} any run including separators, {@code ?} one character except a separator,
 * {@code [abc]}, {@code [a-z]}, {@code [!abc]} character classes, {@code {a,b}} alternatives (which may themselves
 * contain globs) and {@code \} to escape the next character. Without separators {@code *} and {@code **} are the same.
 * Matching is over the whole text and case-sensitive.
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /**
     * Compiles a pattern.
     *
     * @param separators characters that {@code *} and {@code ?} do not cross (e.g. {@code "/"} for repository URLs
     *     and paths; empty for names)
     * @throws IllegalArgumentException naming the pattern when it is malformed (unclosed {@code [} or {@code {})
     */
    public static Glob compile(String pattern, String separators) {
        return new Glob(pattern, Pattern.compile(new Translator(pattern, separators).translate(), Pattern.DOTALL));
    }

    /** One-off match without separators; a malformed pattern matches nothing, as in Argo CD. */
    public static boolean matches(String pattern, String text) {
        return matches(pattern, text, "");
    }

    /** One-off match; a malformed pattern matches nothing, as in Argo CD (which logs and returns false). */
    public static boolean matches(String pattern, String text, String separators) {
        if ("*".equals(pattern)) {
            return true;
        }
        try {
            return compile(pattern, separators).matches(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean matches(String text) {
        return regex.matcher(text).matches();
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** Recursive-descent translation of the glob into a Java regular expression. */
    private static final class Translator {
        private final String p;
        private final String notSep;
        private int i;

        Translator(String pattern, String separators) {
            this.p = pattern;
            StringBuilder cls = new StringBuilder("[^");
            separators.chars().forEach(c -> cls.append("\\x{").append(Integer.toHexString(c)).append('}'));
            this.notSep = separators.isEmpty() ? "." : cls.append(']').toString();
        }

        String translate() {
            String out = sequence(false);
            if (i < p.length()) {
                throw error("unexpected '" + p.charAt(i) + "' at position " + i);
            }
            return out;
        }

        private String sequence(boolean inAlternative) {
            StringBuilder re = new StringBuilder();
            while (i < p.length()) {
                char c = p.charAt(i);
                if (inAlternative && (c == ',' || c == '}')) {
                    break;
                }
                i++;
                switch (c) {
                    case '*' -> {
                        if (i < p.length() && p.charAt(i) == '*') {
                            i++;
                            re.append(".*");
                        } else {
                            re.append(notSep).append('*');
                        }
                    }
                    case '?' -> re.append(notSep);
                    case '[' -> re.append(charClass());
                    case '{' -> re.append(alternatives());
                    case '\\' -> {
                        if (i >= p.length()) {
                            throw error("trailing '\\'");
                        }
                        re.append(Pattern.quote(String.valueOf(p.charAt(i++))));
                    }
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return re.toString();
        }

        private String alternatives() {
            StringBuilder re = new StringBuilder("(?:");
            while (true) {
                re.append(sequence(true));
                if (i >= p.length()) {
                    throw error("unclosed '{'");
                }
                char c = p.charAt(i++);
                if (c == '}') {
                    return re.append(')').toString();
                }
                re.append('|');
            }
        }

        private String charClass() {
            StringBuilder re = new StringBuilder("[");
            if (i < p.length() && p.charAt(i) == '!') {
                re.append('^');
                i++;
            }
            boolean empty = true;
            while (i < p.length() && (p.charAt(i) != ']' || empty)) {
                char c = p.charAt(i++);
                if (c == '\\' && i < p.length()) {
                    c = p.charAt(i++);
                }
                if (c == '-' && !empty && i < p.length() && p.charAt(i) != ']') {
                    re.append('-');
                } else {
                    re.append(c == '\\' || c == '[' || c == ']' || c == '^' || c == '&' || c == '-' ? "\\" + c
                            : String.valueOf(c));
                }
                empty = false;
            }
            if (i >= p.length()) {
                throw error("unclosed '['");
            }
            i++;
            return re.append(']').toString();
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid glob pattern '" + p + "': " + what);
        }
    }
}
