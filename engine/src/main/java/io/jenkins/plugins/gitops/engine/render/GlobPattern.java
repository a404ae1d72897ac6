package io.jenkins.plugins.gitops.engine.render;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code directory.include}/{@code exclude} glob, with the semantics of Argo CD's {@code util/glob.Match} (gobwas/glob
 * compiled without separators): {@code *} and {@code **} match any run of characters including {@code /}, {@code ?}
 * one character, {@code [abc]}, {@code [a-z]} and {@code [!abc]} classes, {@code {a,b}} alternatives (which may
 * themselves contain patterns) and {@code \} escapes. The pattern must match the whole path, which is relative to the
 * application directory ({@code sub/deploy.yaml}).
 */
final class GlobPattern {

    private final String glob;
    private final Pattern regex;

    private GlobPattern(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    static GlobPattern compile(String glob, String field) {
        try {
            return new GlobPattern(glob, Pattern.compile(toRegex(glob), Pattern.DOTALL));
        } catch (IllegalArgumentException e) {
            throw new RenderException("directory." + field + " '" + glob + "' is not a valid glob: " + e.getMessage());
        }
    }

    boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= glob.length()) {
                        throw new IllegalArgumentException("dangling escape at the end");
                    }
                    re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                case '*' -> {
                    while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                    }
                    re.append(".*");
                }
                case '?' -> re.append('.');
                case '[' -> i = characterClass(glob, i, re);
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        re.append("\\}");
                    } else {
                        braces--;
                        re.append(')');
                    }
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        if (braces != 0) {
            throw new IllegalArgumentException("unclosed '{'");
        }
        try {
            Pattern.compile(re.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription(), e);
        }
        return re.toString();
    }

    /** Translates {@code [...]} starting at {@code start}; returns the index of the closing bracket. */
    private static int characterClass(String glob, int start, StringBuilder re) {
        int close = glob.indexOf(']', start + 1);
        if (close < 0) {
            throw new IllegalArgumentException("unclosed '['");
        }
        String body = glob.substring(start + 1, close);
        boolean negate = body.startsWith("!");
        if (negate) {
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty character class");
        }
        StringBuilder cls = new StringBuilder("[").append(negate ? "^" : "");
        for (char ch : body.toCharArray()) {
            if (ch == '-') {
                cls.append('-');
            } else if (Character.isLetterOrDigit(ch)) {
                cls.append(ch);
            } else {
                cls.append('\\').append(ch);
            }
        }
        re.append(cls).append(']');
        return close;
    }
}
