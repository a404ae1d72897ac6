package io.jenkins.plugins.gitops.engine.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@code helm.valueFiles} entry with glob characters ({@code envs/*.yaml}, {@code envs/**}{@code /*.yaml}), matched
 * with doublestar semantics as Argo CD's repo server does: {@code *} and {@code ?} stay inside one path segment,
 * a {@code **} segment matches any number of directories (zero included), {@code [abc]}, {@code [!a-z]} and
 * {@code {a,b}} as usual. Matches are regular files, in lexical order of their path; the caller checks that each
 * stays inside the repository.
 */
final class ValueFileGlob {

    private static final String META = "*?[{";

    private ValueFileGlob() {}

    /** Whether the entry is a pattern rather than a file name. */
    static boolean isPattern(String entry) {
        return entry.chars().anyMatch(c -> META.indexOf(c) >= 0);
    }

    /**
     * Files matching {@code pattern} (absolute and normalised), sorted.
     *
     * @throws IllegalArgumentException when the pattern is malformed
     */
    static List<Path> matches(Path pattern) {
        Path base = pattern.getRoot();
        List<String> rest = new ArrayList<>();
        boolean inPattern = false;
        for (Path segment : pattern) {
            String s = segment.toString();
            if (!inPattern && !isPattern(s)) {
                base = base.resolve(s);
            } else {
                inPattern = true;
                rest.add(s);
            }
        }
        Pattern regex = Pattern.compile(toRegex(rest));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        Path from = base;
        try (Stream<Path> files = Files.walk(from)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> regex.matcher(relative(from, f)).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    /** The regular expression for pattern segments joined by {@code /}. */
    static String toRegex(List<String> segments) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (s.equals("**")) {
                re.append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }
            segment(s, re);
            if (!last) {
                re.append('/');
            }
        }
        return re.toString();
    }

    private static void segment(String s, StringBuilder re) {
        int braces = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = s.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed '[' in '" + s + "'");
                    }
                    String body = s.substring(i + 1, end);
                    boolean negate = body.startsWith("!") || body.startsWith("^");
                    re.append('[').append(negate ? "^/" : "")
                            .append((negate ? body.substring(1) : body).replace("\\", "\\\\").replace("[", "\\["))
                            .append(']');
                    i = end;
                }
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException("unmatched '}' in '" + s + "'");
                    }
                    braces--;
                    re.append(')');
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("unclosed '{' in '" + s + "'");
        }
    }
}
