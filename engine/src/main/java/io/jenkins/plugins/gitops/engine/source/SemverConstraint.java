package io.jenkins.plugins.gitops.engine.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * A semantic-version constraint over tags, with the semantics of Argo CD's semver library (Masterminds semver v3),
 * evaluated with semver4j ranges:
 *
 * <ul>
 *   <li>comparators {@code = != > >= < <= ~ ~> ^}, wildcards {@code 1.2.*}, {@code 1.x}, {@code *}, hyphen ranges
 *       {@code 1.2 - 1.4}; AND by space or comma, OR by {@code ||}; an optional {@code v} before any version;
 *   <li>a pre-release version satisfies a comparator only if that comparator itself carries a pre-release: {@code
 *       >=1.0.0} never picks {@code 1.5.0-rc.1}, {@code >=1.0.0-0} does, and {@code *-0} admits every version;
 *   <li>a plain version ({@code 1.2.3}, {@code v1.2}) is not a constraint but a pin, resolved as a tag name (see
 *       {@link #parse(String)}).
 * </ul>
 */
public final class SemverConstraint {

    private static final String VERSION = "[vV]?(?:\\d+|[xX*])(?:\\.(?:\\d+|[xX*])){0,2}"
            + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
    private static final Pattern COMPARATOR = Pattern.compile("^(!=|>=|=>|<=|=<|~>|[=<>~^])?(" + VERSION + ")$");
    private static final Pattern SPACE_AFTER_OPERATOR = Pattern.compile("(!=|>=|=>|<=|=<|~>|[=<>~^])\\s+");
    private static final Pattern HYPHEN_RANGE = Pattern.compile("(" + VERSION + ")\\s+-\\s+(" + VERSION + ")");
    private static final Pattern PRE_RELEASE = Pattern.compile("^[vV]?[^-+]*-");
    private static final Pattern WILDCARD = Pattern.compile("(^|\\.)[xX*]");

    /** Masterminds operator spellings and their semver4j equivalents. */
    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("", ""), Map.entry("=", "="), Map.entry("!=", "="),
            Map.entry(">", ">"), Map.entry(">=", ">="), Map.entry("=>", ">="),
            Map.entry("<", "<"), Map.entry("<=", "<="), Map.entry("=<", "<="),
            Map.entry("~", "~"), Map.entry("~>", "~"), Map.entry("^", "^"));

    private final String text;
    private final List<List<Comparator>> alternatives;

    private SemverConstraint(String text, List<List<Comparator>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /**
     * The constraint in {@code text}, or empty when {@code text} is a plain version (a pin) or not a constraint at all
     * (a branch or tag name): exactly when Argo CD falls back to matching ref names.
     */
    public static Optional<SemverConstraint> parse(String text) {
        if (text == null || text.isBlank() || TagVersion.parse(text).isPresent()) {
            return Optional.empty();
        }
        List<List<Comparator>> alternatives = new ArrayList<>();
        for (String alternative : text.trim().split("\\s*\\|\\|\\s*", -1)) {
            Optional<List<Comparator>> and = parseAlternative(alternative);
            if (and.isEmpty()) {
                return Optional.empty();
            }
            alternatives.add(and.get());
        }
        return Optional.of(new SemverConstraint(text.trim(), List.copyOf(alternatives)));
    }

    /** True when {@code version} (loosely parsed, {@code v} prefix allowed) satisfies the constraint. */
    public boolean matches(String version) {
        return TagVersion.parse(version).map(this::matches).orElse(false);
    }

    /** The highest of {@code versions} (tag names) that satisfies the constraint; on equal versions the first. */
    public Optional<String> highest(Collection<String> versions) {
        String best = null;
        Semver bestVersion = null;
        for (String candidate : versions) {
            Optional<Semver> version = TagVersion.parse(candidate);
            if (version.isPresent() && matches(version.get())
                    && (bestVersion == null || version.get().compareTo(bestVersion) > 0)) {
                best = candidate;
                bestVersion = version.get();
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return text;
    }

    private boolean matches(Semver version) {
        return alternatives.stream().anyMatch(and -> and.stream().allMatch(c -> c.test(version)));
    }

    private static Optional<List<Comparator>> parseAlternative(String alternative) {
        String normalized = SPACE_AFTER_OPERATOR.matcher(alternative.trim()).replaceAll("$1");
        List<Comparator> comparators = new ArrayList<>();
        Matcher hyphen = HYPHEN_RANGE.matcher(normalized);
        StringBuilder rest = new StringBuilder();
        while (hyphen.find()) {
            String from = hyphen.group(1);
            String to = hyphen.group(2);
            boolean pre = hasPreRelease(from) && hasPreRelease(to);
            Optional<Comparator> range = Comparator.of(semver4jVersion(from) + " - " + semver4jVersion(to), false, pre);
            if (range.isEmpty()) {
                return Optional.empty();
            }
            comparators.add(range.get());
            hyphen.appendReplacement(rest, " ");
        }
        hyphen.appendTail(rest);
        for (String token : rest.toString().trim().split("[\\s,]+")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = COMPARATOR.matcher(token);
            if (!m.matches()) {
                return Optional.empty();
            }
            String operator = m.group(1) == null ? "" : m.group(1);
            Optional<Comparator> comparator = Comparator.of(OPERATORS.get(operator) + semver4jVersion(m.group(2)),
                    operator.equals("!="), hasPreRelease(m.group(2)));
            if (comparator.isEmpty()) {
                return Optional.empty();
            }
            comparators.add(comparator.get());
        }
        return comparators.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(comparators));
    }

    private static boolean hasPreRelease(String version) {
        return PRE_RELEASE.matcher(version).find();
    }

    /** semver4j wants no {@code v} and cannot read a pre-release on a wildcard ({@code *-0}); the flag keeps it. */
    private static String semver4jVersion(String version) {
        String plain = version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
        if (WILDCARD.matcher(plain).find() && plain.contains("-")) {
            plain = plain.substring(0, plain.indexOf('-'));
        }
        return plain;
    }

    /** One comparator: a semver4j range, possibly negated, and whether it admits pre-release versions. */
    private record Comparator(RangesList range, boolean negated, boolean admitsPreRelease) {

        static Optional<Comparator> of(String expression, boolean negated, boolean admitsPreRelease) {
            RangesList range;
            try {
                range = RangesListFactory.create(expression, true);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
            return range.get().isEmpty() ? Optional.empty() : Optional.of(new Comparator(range, negated, admitsPreRelease));
        }

        boolean test(Semver version) {
            if (!version.getPreRelease().isEmpty() && !admitsPreRelease) {
                return false;
            }
            return range.isSatisfiedBy(version) != negated;
        }
    }
}
