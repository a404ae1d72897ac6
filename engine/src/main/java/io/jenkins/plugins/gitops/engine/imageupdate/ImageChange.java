package io.jenkins.plugins.gitops.engine.imageupdate;

/**
 * One image moving from one version to another. Invariant: {@code newVersion} is non-empty and differs from
 * {@code oldVersion}; versions are tags, or {@code tag@digest} for the digest strategy.
 */
public record ImageChange(TrackedImage image, String oldVersion, String newVersion) {

    /** The image as it is written back: {@code name:tag}, {@code name:tag@digest}. */
    public String newReference() {
        return image.image().name() + (newVersion.startsWith("@") ? newVersion : ":" + newVersion);
    }

    public String tag() {
        int at = newVersion.indexOf('@');
        return at >= 0 ? newVersion.substring(0, at) : newVersion;
    }

    public String digest() {
        int at = newVersion.indexOf('@');
        return at >= 0 ? newVersion.substring(at + 1) : "";
    }

    /** One line in Image Updater's commit message style. */
    public String describe() {
        return "updates image " + image.image().name() + " tag '" + (oldVersion.isEmpty() ? "<none>" : oldVersion)
                + "' to '" + newVersion + "'";
    }

    /** Whether write-back for this image uses Helm parameters (any helm.* annotation names one). */
    public boolean helmAnnotated() {
        return !image.helmImageName().isEmpty() || !image.helmImageTag().isEmpty() || !image.helmImageSpec().isEmpty();
    }

    public String helmNameParameter() {
        return image.helmImageName().isEmpty() ? "image.name" : image.helmImageName();
    }

    public String helmTagParameter() {
        return image.helmImageTag().isEmpty() ? "image.tag" : image.helmImageTag();
    }

    /** The name the kustomization uses for this image ({@code kustomize.image-name}, else the image name). */
    public String kustomizeName() {
        return image.kustomizeImageName().isEmpty() ? image.image().name() : image.kustomizeImageName();
    }

    /** {@code kustomize edit set image} argument, as Image Updater writes it. */
    public String kustomizeImage() {
        String target = newReference();
        return kustomizeName().equals(image.image().name()) ? target : kustomizeName() + "=" + target;
    }
}
