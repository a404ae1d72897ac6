package io.jenkins.plugins.gitops.engine.imageupdate;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.source.SemverConstraint;
import io.jenkins.plugins.gitops.engine.source.TagVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads Argo CD Image Updater's annotations on an Application into an {@link ImageUpdateSpec}. Every mistake is an
 * {@link ImageUpdateException} naming the annotation and the value, so nothing is half applied: unknown strategy,
 * invalid semver constraint or regular expression, duplicate alias, malformed platform or write-back setting.
 */
public final class ImageUpdateAnnotations {

    public static final String PREFIX = "argocd-image-updater.argoproj.io/";
    public static final String IMAGE_LIST = PREFIX + "image-list";
    public static final String WRITE_BACK_METHOD = PREFIX + "write-back-method";
    public static final String WRITE_BACK_TARGET = PREFIX + "write-back-target";
    public static final String GIT_BRANCH = PREFIX + "git-branch";

    private ImageUpdateAnnotations() {}

    /** Whether the application asks for image updates at all. */
    public static boolean tracksImages(Application app) {
        String list = app.annotations().get(IMAGE_LIST);
        return list != null && !list.isBlank();
    }

    /** The spec, or empty when the application has no (or an empty) image list. */
    public static Optional<ImageUpdateSpec> read(Application app) {
        if (!tracksImages(app)) {
            return Optional.empty();
        }
        Map<String, String> a = app.annotations();
        List<TrackedImage> images = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        for (String entry : a.get(IMAGE_LIST).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            TrackedImage image = image(entry.trim(), a);
            if (!aliases.add(image.alias())) {
                throw new ImageUpdateException(IMAGE_LIST + ": alias '" + image.alias() + "' is used twice");
            }
            images.add(image);
        }
        return Optional.of(new ImageUpdateSpec(app.name(), List.copyOf(images), writeBack(a)));
    }

    private static TrackedImage image(String entry, Map<String, String> a) {
        int eq = entry.indexOf('=');
        String alias = eq >= 0 ? entry.substring(0, eq).trim() : "";
        String ref = eq >= 0 ? entry.substring(eq + 1).trim() : entry;
        if (eq >= 0) {
            if (!alias.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new ImageUpdateException(IMAGE_LIST + ": alias '" + alias + "' may hold only letters, digits, "
                        + "'-', '_' and '.'");
            }
        }
        ImageReference parsed;
        try {
            parsed = ImageReference.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new ImageUpdateException(IMAGE_LIST + ": " + e.getMessage());
        }
        if (!parsed.digest().isEmpty()) {
            throw new ImageUpdateException(IMAGE_LIST + ": '" + ref + "' must not pin a digest");
        }
        String key = alias.isEmpty() ? parsed.name() : alias;
        String strategyText = setting(a, alias, "update-strategy", "semver");
        UpdateStrategy strategy = UpdateStrategy.named(strategyText).orElseThrow(() -> new ImageUpdateException(
                annotation(alias, "update-strategy") + ": unknown update strategy '" + strategyText
                        + "' (semver, newest-build, digest or alphabetical)"));
        String constraint = parsed.tag();
        if (strategy == UpdateStrategy.SEMVER && !constraint.isEmpty()) {
            semverConstraint(constraint).orElseThrow(() -> new ImageUpdateException(IMAGE_LIST + ": '" + constraint
                    + "' in '" + entry + "' is not a valid semver constraint"));
        }
        if (strategy == UpdateStrategy.DIGEST && constraint.isEmpty()) {
            throw new ImageUpdateException(IMAGE_LIST + ": '" + entry + "' uses the digest strategy and must name the "
                    + "tag to follow (e.g. " + parsed.name() + ":latest)");
        }
        return new TrackedImage(key, parsed.withoutVersion(), constraint, strategy,
                allowTags(alias, setting(a, alias, "allow-tags", "")),
                list(setting(a, alias, "ignore-tags", "")),
                platforms(alias, setting(a, alias, "platforms", "")),
                setting(a, alias, "pull-secret", ""),
                setting(a, alias, "helm.image-name", ""),
                setting(a, alias, "helm.image-tag", ""),
                setting(a, alias, "helm.image-spec", ""),
                setting(a, alias, "kustomize.image-name", ""));
    }

    /**
     * The constraint for a semver image: a plain version pins exactly that version ({@code 1.2.3} is {@code =1.2.3}),
     * anything else must parse as a constraint.
     */
    static Optional<SemverConstraint> semverConstraint(String text) {
        if (TagVersion.parse(text).isPresent()) {
            return SemverConstraint.parse("=" + text);
        }
        return SemverConstraint.parse(text);
    }

    private static Pattern allowTags(String alias, String value) {
        if (value.isEmpty() || value.equals("any")) {
            return null;
        }
        if (!value.startsWith("regexp:")) {
            throw new ImageUpdateException(annotation(alias, "allow-tags") + ": '" + value
                    + "' must be 'regexp:<expression>' or 'any'");
        }
        try {
            return Pattern.compile(value.substring("regexp:".length()));
        } catch (PatternSyntaxException e) {
            throw new ImageUpdateException(annotation(alias, "allow-tags") + ": invalid regular expression '"
                    + value.substring("regexp:".length()) + "': " + e.getDescription());
        }
    }

    private static List<TrackedImage.Platform> platforms(String alias, String value) {
        try {
            return list(value).stream().map(TrackedImage.Platform::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new ImageUpdateException(annotation(alias, "platforms") + ": " + e.getMessage());
        }
    }

    private static WriteBackConfig writeBack(Map<String, String> a) {
        String method = a.getOrDefault(WRITE_BACK_METHOD, "argocd").trim();
        String branch = a.getOrDefault(GIT_BRANCH, "").trim();
        String base = branch;
        String target = "";
        int colon = branch.indexOf(':');
        if (colon >= 0) {
            base = branch.substring(0, colon).trim();
            target = branch.substring(colon + 1).trim();
            if (target.isEmpty()) {
                throw new ImageUpdateException(GIT_BRANCH + ": '" + branch + "' names no target branch after ':'");
            }
        }
        if (target.contains("{{")) {
            throw new ImageUpdateException(GIT_BRANCH + ": branch templates ('" + target + "') are not supported; "
                    + "name the target branch literally");
        }
        if (method.equals("argocd")) {
            return WriteBackConfig.ARGOCD;
        }
        if (!method.equals("git") && !method.startsWith("git:")) {
            throw new ImageUpdateException(WRITE_BACK_METHOD + ": unknown method '" + method + "' (git, git:<credentials>"
                    + " or argocd)");
        }
        String credentials = method.equals("git") ? "" : method.substring("git:".length());
        String targetText = a.getOrDefault(WRITE_BACK_TARGET, "").trim();
        WriteBackConfig.Target kind;
        String file;
        if (targetText.isEmpty()) {
            kind = WriteBackConfig.Target.SOURCE_OVERRIDE;
            file = "";
        } else if (targetText.equals("kustomization") || targetText.startsWith("kustomization:")) {
            kind = WriteBackConfig.Target.KUSTOMIZATION;
            file = targetText.equals("kustomization") ? "." : targetText.substring("kustomization:".length()).trim();
        } else if (targetText.startsWith("helmvalues:") && targetText.length() > "helmvalues:".length()) {
            kind = WriteBackConfig.Target.HELM_VALUES;
            file = targetText.substring("helmvalues:".length()).trim();
        } else {
            throw new ImageUpdateException(WRITE_BACK_TARGET + ": unknown target '" + targetText
                    + "' (kustomization[:<path>] or helmvalues:<file>)");
        }
        return new WriteBackConfig(WriteBackConfig.Method.GIT, credentials, kind, file, base, target);
    }

    private static String setting(Map<String, String> a, String alias, String name, String dflt) {
        String v = alias.isEmpty() ? null : a.get(annotation(alias, name));
        return v == null ? dflt : v.trim();
    }

    private static String annotation(String alias, String name) {
        return PREFIX + (alias.isEmpty() ? "<alias>" : alias) + "." + name;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
