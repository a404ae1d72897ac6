package io.jenkins.plugins.gitops.engine.imageupdate;

import io.jenkins.plugins.gitops.engine.source.SemverConstraint;
import io.jenkins.plugins.gitops.engine.source.TagVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.semver4j.Semver;

/**
 * Chooses the next version of a tracked image from the registry's tags, per {@link UpdateStrategy}, as Argo CD Image
 * Updater does: candidates pass {@code allow-tags}/{@code ignore-tags}; {@code semver} takes the highest version
 * inside the constraint (pre-releases only when the constraint names one), {@code newest-build} the newest creation
 * date, {@code alphabetical} the last name, {@code digest} the current digest of the followed tag. The chosen tag's
 * manifest is always fetched, so a tag that vanished after listing, or one not built for the required platforms, is
 * never written. A move backwards (lower version, older build, earlier name) is never proposed.
 */
public final class TagSelector {

    private final RegistryClient registry;

    public TagSelector(RegistryClient registry) {
        this.registry = registry;
    }

    /** Selects for {@code image} whose deployed version is {@code current} (tag, tag@digest or empty). */
    public TagSelection select(TrackedImage image, String current) {
        String cur = current == null ? "" : current;
        if (image.strategy() == UpdateStrategy.DIGEST) {
            return digest(image, cur);
        }
        List<String> candidates = registry.tags(image.image()).stream().filter(image::admits).toList();
        List<String> ordered = switch (image.strategy()) {
            case SEMVER -> semverOrder(image, candidates);
            case ALPHABETICAL -> candidates.stream().sorted(Comparator.reverseOrder()).toList();
            case NEWEST_BUILD -> newestFirst(image, candidates);
            case DIGEST -> throw new IllegalStateException();
        };
        String curTag = tagOf(cur);
        for (String tag : ordered) {
            if (!builtForPlatforms(image, tag)) {
                continue;
            }
            if (tag.equals(curTag)) {
                return new TagSelection(cur, tag, false, "up to date");
            }
            Optional<String> backwards = downgrade(image, curTag, tag);
            if (backwards.isPresent()) {
                return new TagSelection(cur, tag, false, backwards.get());
            }
            return new TagSelection(cur, tag, true, "");
        }
        return new TagSelection(cur, "", false, "no tag of " + image.image().name() + " qualifies ("
                + candidates.size() + " of " + registry.tags(image.image()).size() + " tags pass allow/ignore-tags"
                + (image.constraint().isEmpty() ? "" : ", constraint '" + image.constraint() + "'")
                + (image.platforms().isEmpty() ? "" : ", platforms " + image.platforms()) + ")");
    }

    private TagSelection digest(TrackedImage image, String cur) {
        String tag = image.constraint();
        Manifest m = registry.manifest(image.image(), tag);
        if (!image.platforms().isEmpty() && m.isIndex() && platformEntry(image, m).isEmpty()) {
            return new TagSelection(cur, "", false, image.image().name() + ":" + tag + " is not built for "
                    + image.platforms());
        }
        String newest = tag + "@" + m.digest();
        boolean same = cur.endsWith("@" + m.digest());
        return new TagSelection(cur, newest, !same, same ? "up to date" : "");
    }

    private static List<String> semverOrder(TrackedImage image, List<String> candidates) {
        Optional<SemverConstraint> constraint = image.constraint().isEmpty()
                ? Optional.empty() : ImageUpdateAnnotations.semverConstraint(image.constraint());
        List<Map.Entry<String, Semver>> versions = new ArrayList<>();
        for (String tag : candidates) {
            Optional<Semver> v = TagVersion.parse(tag);
            if (v.isEmpty()) {
                continue;
            }
            boolean ok = constraint.map(c -> c.matches(tag)).orElse(v.get().getPreRelease().isEmpty());
            if (ok) {
                versions.add(Map.entry(tag, v.get()));
            }
        }
        versions.sort(Map.Entry.<String, Semver>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        return versions.stream().map(Map.Entry::getKey).toList();
    }

    private List<String> newestFirst(TrackedImage image, List<String> candidates) {
        List<Map.Entry<String, Instant>> dated = new ArrayList<>();
        for (String tag : candidates) {
            created(image, tag).ifPresent(d -> dated.add(Map.entry(tag, d)));
        }
        dated.sort(Map.Entry.<String, Instant>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())));
        return dated.stream().map(Map.Entry::getKey).toList();
    }

    /** Creation date of the tag's image (for an index: of the first entry fitting the platforms); empty if unknown. */
    private Optional<Instant> created(TrackedImage image, String tag) {
        Manifest m = registry.manifest(image.image(), tag);
        if (m.isIndex()) {
            Optional<Manifest.Entry> entry = platformEntry(image, m);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            m = registry.manifest(image.image(), entry.get().digest());
        }
        return registry.created(image.image(), m);
    }

    private boolean builtForPlatforms(TrackedImage image, String tag) {
        Manifest m = registry.manifest(image.image(), tag); // also proves the tag still exists
        if (image.platforms().isEmpty() || !m.isIndex()) {
            return true; // a single-platform manifest's platform is only in its config; Image Updater accepts it too
        }
        return image.platforms().stream().allMatch(p -> m.platforms().stream()
                .anyMatch(e -> p.matches(e.os(), e.architecture(), e.variant())));
    }

    private static Optional<Manifest.Entry> platformEntry(TrackedImage image, Manifest index) {
        Function<Manifest.Entry, Boolean> wanted = e -> image.platforms().isEmpty()
                ? !e.os().equals("unknown") : image.platforms().stream()
                        .anyMatch(p -> p.matches(e.os(), e.architecture(), e.variant()));
        return index.platforms().stream().filter(wanted::apply).findFirst();
    }

    /** Why moving from {@code current} to {@code candidate} would go backwards, if it would. */
    private Optional<String> downgrade(TrackedImage image, String current, String candidate) {
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String why = "current " + current + " is newer than the newest allowed tag " + candidate + "; not downgrading";
        switch (image.strategy()) {
            case SEMVER -> {
                Optional<Semver> c = TagVersion.parse(current);
                Optional<Semver> n = TagVersion.parse(candidate);
                if (c.isPresent() && n.isPresent() && n.get().compareTo(c.get()) < 0) {
                    return Optional.of(why);
                }
            }
            case ALPHABETICAL -> {
                if (candidate.compareTo(current) < 0) {
                    return Optional.of(why);
                }
            }
            case NEWEST_BUILD -> {
                if (registry.tags(image.image()).contains(current)) {
                    Optional<Instant> c = created(image, current);
                    Optional<Instant> n = created(image, candidate);
                    if (c.isPresent() && n.isPresent() && n.get().isBefore(c.get())) {
                        return Optional.of(why);
                    }
                }
            }
            default -> { }
        }
        return Optional.empty();
    }

    private static String tagOf(String version) {
        int at = version.indexOf('@');
        return at >= 0 ? version.substring(0, at) : version;
    }
}
