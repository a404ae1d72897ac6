package io.jenkins.plugins.gitops.engine.imageupdate;

import java.util.Map;
import java.util.Optional;

/**
 * How the next tag is chosen, named as Argo CD Image Updater names them (annotation {@code <alias>.update-strategy}).
 * {@code latest} and {@code name} are the older spellings of {@code newest-build} and {@code alphabetical}, which
 * Image Updater still accepts.
 */
public enum UpdateStrategy {
    /** Highest semantic version satisfying the constraint (the default). */
    SEMVER,
    /** Most recently built image (creation date in the image config), tie broken by tag name. */
    NEWEST_BUILD,
    /** Last tag in lexical order. */
    ALPHABETICAL,
    /** The constraint names a mutable tag; update when its digest changes. */
    DIGEST;

    /** Annotation value -> strategy (Image Updater's spellings, including the deprecated ones). */
    private static final Map<String, UpdateStrategy> NAMES = Map.of(
            "semver", SEMVER,
            "newest-build", NEWEST_BUILD,
            "latest", NEWEST_BUILD,
            "alphabetical", ALPHABETICAL,
            "name", ALPHABETICAL,
            "digest", DIGEST);

    public static Optional<UpdateStrategy> named(String value) {
        return Optional.ofNullable(NAMES.get(value.trim()));
    }

    /** The canonical annotation value. */
    public String annotationValue() {
        return switch (this) {
            case SEMVER -> "semver";
            case NEWEST_BUILD -> "newest-build";
            case ALPHABETICAL -> "alphabetical";
            case DIGEST -> "digest";
        };
    }
}
