package io.jenkins.plugins.gitops.engine.source.helm;

import io.jenkins.plugins.gitops.engine.source.SemverConstraint;
import io.jenkins.plugins.gitops.engine.source.TagVersion;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Picks the chart version a {@code targetRevision} stands for, as Argo CD's repo server does ({@code
 * versions.MaxVersion} over the index entries or registry tags): a plain version ({@code 1.2.3}, {@code v1.2}) is a
 * pin; a semver constraint ({@code 15.x}, {@code >=1.2 <2}, {@code ^1.4}) picks the highest version satisfying it,
 * pre-releases only when the constraint names one; an empty revision picks the highest release, as {@code helm pull}
 * without {@code --version} does. Anything else must equal a published version exactly.
 */
final class ChartVersions {

    private ChartVersions() {}

    /** Whether {@code targetRevision} pins one version, so a cached copy can be used without asking the repository. */
    static boolean isPin(String targetRevision) {
        return TagVersion.parse(targetRevision).isPresent();
    }

    /**
     * The version of {@code available} that {@code targetRevision} selects. {@code what} names the chart in errors.
     *
     * @throws HelmRepositoryException when nothing matches, listing the newest published versions
     */
    static String select(String targetRevision, Collection<String> available, String what) {
        String target = targetRevision == null ? "" : targetRevision.trim();
        if (target.isEmpty() || target.equals("*")) {
            return highestRelease(available).orElseThrow(() -> new HelmRepositoryException(what
                    + ": no released version is published (versions: " + sample(available) + ")"));
        }
        if (available.contains(target)) {
            return target;
        }
        Optional<Semver> pin = TagVersion.parse(target);
        if (pin.isPresent()) {
            for (String v : available) {
                Optional<Semver> candidate = TagVersion.parse(v);
                if (candidate.isPresent() && candidate.get().isEqualTo(pin.get())) {
                    return v;
                }
            }
            throw new HelmRepositoryException(what + ": version " + target + " is not published (newest: "
                    + sample(available) + ")");
        }
        Optional<SemverConstraint> constraint = SemverConstraint.parse(target);
        if (constraint.isEmpty()) {
            throw new HelmRepositoryException(what + ": targetRevision '" + target
                    + "' is neither a published version nor a semver constraint");
        }
        return constraint.get().highest(available).orElseThrow(() -> new HelmRepositoryException(what
                + ": no version matches the constraint '" + target + "' (newest: " + sample(available) + ")"));
    }

    private static Optional<String> highestRelease(Collection<String> available) {
        String best = null;
        Semver bestVersion = null;
        for (String v : available) {
            Optional<Semver> s = TagVersion.parse(v);
            if (s.isPresent() && s.get().getPreRelease().isEmpty()
                    && (bestVersion == null || s.get().compareTo(bestVersion) > 0)) {
                best = v;
                bestVersion = s.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Up to five of the highest versions, newest first, for error messages. */
    static String sample(Collection<String> available) {
        if (available.isEmpty()) {
            return "none";
        }
        List<String> sorted = available.stream()
                .sorted((a, b) -> {
                    Optional<Semver> x = TagVersion.parse(a);
                    Optional<Semver> y = TagVersion.parse(b);
                    if (x.isPresent() && y.isPresent()) {
                        return y.get().compareTo(x.get());
                    }
                    return x.isPresent() ? -1 : y.isPresent() ? 1 : b.compareTo(a);
                }).toList();
        return String.join(", ", sorted.subList(0, Math.min(5, sorted.size())))
                + (sorted.size() > 5 ? ", ... (" + sorted.size() + " in all)" : "");
    }
}
