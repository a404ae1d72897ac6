package io.jenkins.plugins.gitops.engine.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * Reads a Git tag or a pinned {@code targetRevision} as a semantic version the way Argo CD's semver library
 * (Masterminds, non-strict) does: an optional {@code v}/{@code V} prefix, and minor and patch may be missing ({@code
 * v1.2} is 1.2.0, {@code 3} is 3.0.0). Pre-release and build metadata follow SemVer 2.0.
 */
public final class TagVersion {

    private static final Pattern LOOSE = Pattern.compile(
            "^[vV]?([0-9]+)(?:\\.([0-9]+))?(?:\\.([0-9]+))?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$");

    private TagVersion() {}

    /** The version this text denotes, or empty when it is not a version (then it is a branch, tag name or constraint). */
    public static Optional<Semver> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LOOSE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            StringBuilder version = new StringBuilder()
                    .append(number(m.group(1))).append('.')
                    .append(number(m.group(2))).append('.')
                    .append(number(m.group(3)));
            if (m.group(4) != null) {
                version.append('-').append(m.group(4));
            }
            if (m.group(5) != null) {
                version.append('+').append(m.group(5));
            }
            return Optional.ofNullable(Semver.parse(version.toString()));
        } catch (RuntimeException e) {
            return Optional.empty(); // for example a component too large for a long, or a pre-release semver4j rejects
        }
    }

    /** Missing components are 0; leading zeros are dropped as Masterminds does. */
    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
