package io.jenkins.plugins.gitops.engine.imageupdate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code argocd-image-updater.argoproj.io/image-list} with its per-alias settings. Invariant: the
 * strategy's inputs are valid (a DIGEST image has a tag to follow; {@code allowTags} compiled; constraint checked).
 *
 * @param alias the alias, or the image name when the entry has none
 * @param image the repository (no tag)
 * @param constraint text after the colon: a semver constraint, or the tag a DIGEST image follows; empty for none
 * @param allowTags only tags matching this pattern are candidates; null admits all
 * @param ignoreTags glob patterns ({@code *}, {@code ?}) of tags never considered
 * @param platforms {@code os/arch[/variant]} the chosen image must be built for; empty for any
 * @param pullSecret the {@code pull-secret} annotation value, empty for none
 * @param helmImageName Helm parameter receiving the image name (empty: none)
 * @param helmImageTag Helm parameter receiving the tag
 * @param helmImageSpec Helm parameter receiving {@code name:tag} (wins over name and tag)
 * @param kustomizeImageName the image name in the kustomization to replace (default: the image name)
 */
public record TrackedImage(
        String alias,
        ImageReference image,
        String constraint,
        UpdateStrategy strategy,
        Pattern allowTags,
        List<String> ignoreTags,
        List<Platform> platforms,
        String pullSecret,
        String helmImageName,
        String helmImageTag,
        String helmImageSpec,
        String kustomizeImageName) {

    /** Whether {@code tag} passes allow-tags and ignore-tags. */
    public boolean admits(String tag) {
        if (allowTags != null && !allowTags.matcher(tag).matches()) {
            return false;
        }
        return ignoreTags.stream().noneMatch(glob -> globMatches(glob, tag));
    }

    static boolean globMatches(String glob, String text) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return text.matches(re.toString());
    }

    /** {@code os/arch[/variant]}. */
    public record Platform(String os, String architecture, String variant) {
        static Platform parse(String text) {
            String[] p = text.trim().split("/");
            if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty()) {
                throw new IllegalArgumentException("platform '" + text.trim() + "' is not os/arch[/variant]");
            }
            return new Platform(p[0], p[1], p.length == 3 ? p[2] : "");
        }

        boolean matches(String os, String arch, String v) {
            return this.os.equals(os) && architecture.equals(arch) && (variant.isEmpty() || variant.equals(v));
        }

        @Override
        public String toString() {
            return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
        }
    }
}
