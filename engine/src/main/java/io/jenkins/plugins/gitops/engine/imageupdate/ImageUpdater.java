package io.jenkins.plugins.gitops.engine.imageupdate;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.source.RepoCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Argo CD Image Updater's loop for a set of applications: read the annotations, ask the registry for the newest
 * allowed tag of every tracked image, and write the changes back (one Git commit per application naming every image,
 * old and new tag; or the application's own overrides for {@code argocd}). One {@link RegistryClient} serves a whole
 * cycle, so each repository's tags are listed once however many applications track it.
 *
 * <p>Per application it is all or nothing: any error (bad annotation, registry 401/500, a vanished tag, a rejected
 * push) becomes the result's {@code error}, and nothing of that application is written.
 */
public final class ImageUpdater {

    /**
     * @param workDir temporary clones for Git write-back
     * @param registryCredentials credentials by image prefix
     * @param registryEndpoints registry host -> API base URL; null for the defaults
     * @param timeout per registry request and Git operation
     * @param authorName commit author
     * @param authorEmail commit author e-mail
     */
    public record Settings(Path workDir, List<RegistryCredential> registryCredentials,
            Function<String, String> registryEndpoints, Duration timeout, String authorName, String authorEmail) {

        public static Settings defaults(Path workDir, List<RegistryCredential> credentials) {
            return new Settings(workDir, credentials, null, Duration.ofSeconds(30), "GitOps Image Updater",
                    "noreply@gitops-sync.jenkins.io");
        }
    }

    private final Settings settings;
    private final Function<String, RepoCredentials> repoCredentials;
    private final CurrentImages currentImages;
    private final ImageOverrides overrides;
    private final Clock clock;
    private final EngineLog log;
    private final SecretSource secrets;
    private final Function<String, String> env;
    private final RegistryCache cache;

    public ImageUpdater(Settings settings, Function<String, RepoCredentials> repoCredentials,
            CurrentImages currentImages, ImageOverrides overrides, Clock clock, EngineLog log) {
        this(settings, repoCredentials, currentImages, overrides, clock, log, SecretSource.NONE, System::getenv, null);
    }

    private ImageUpdater(Settings settings, Function<String, RepoCredentials> repoCredentials,
            CurrentImages currentImages, ImageOverrides overrides, Clock clock, EngineLog log, SecretSource secrets,
            Function<String, String> env, RegistryCache cache) {
        this.cache = cache;
        this.secrets = secrets;
        this.env = env;
        this.settings = settings;
        this.repoCredentials = repoCredentials;
        this.currentImages = currentImages;
        this.overrides = overrides == null ? new ImageOverrides(null) : overrides;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.log = log == null ? EngineLog.NONE : log;
    }

    /**
     * The same updater reading {@code pull-secret} and {@code git:secret:} secrets from {@code source} (the cluster
     * the updater runs next to) and {@code env:} credentials from {@code environment}.
     */
    public ImageUpdater withSecrets(SecretSource source, Function<String, String> environment) {
        return new ImageUpdater(settings, repoCredentials, currentImages, overrides, clock, log,
                source == null ? SecretSource.NONE : source, environment == null ? System::getenv : environment, cache);
    }

    /** The same updater keeping content-addressed registry answers in {@code registryCache} across cycles. */
    public ImageUpdater withRegistryCache(RegistryCache registryCache) {
        return new ImageUpdater(settings, repoCredentials, currentImages, overrides, clock, log, secrets, env,
                registryCache);
    }

    public ImageOverrides overrides() {
        return overrides;
    }

    /** A registry client for one cycle. */
    public RegistryClient newCycle() {
        RegistryClient client = new RegistryClient(settings.registryEndpoints(), settings.registryCredentials(),
                settings.timeout());
        return cache == null ? client : client.cache(cache);
    }

    /** One cycle over {@code apps} (those without an image list are left out of the result). */
    public List<AppUpdateResult> run(Collection<Application> apps, boolean dryRun) {
        RegistryClient registry = newCycle();
        List<AppUpdateResult> out = new ArrayList<>();
        for (Application app : apps) {
            if (ImageUpdateAnnotations.tracksImages(app)) {
                out.add(update(app, registry, dryRun));
            }
        }
        return out;
    }

    /** Checks one application and writes its changes back (unless {@code dryRun}). Never throws for its errors. */
    public AppUpdateResult update(Application app, RegistryClient registry, boolean dryRun) {
        List<ImageStatus> statuses = new ArrayList<>();
        List<ImageChange> changes = new ArrayList<>();
        String writeBack = "";
        try {
            ImageUpdateSpec spec = ImageUpdateAnnotations.read(app).orElseThrow();
            List<String> deployed = currentImages.images(overrides.applyTo(app));
            TagSelector selector = new TagSelector(registry);
            for (TrackedImage image : spec.images()) {
                Optional<String> current = currentVersion(image, deployed);
                if (current.isEmpty()) {
                    statuses.add(new ImageStatus(image.alias(), image.image().name(), image.strategy().annotationValue(),
                            "", "", "not used by the application's manifests; skipped"));
                    continue;
                }
                TagSelection s;
                try {
                    if (!image.pullSecret().isEmpty()) {
                        registry.useCredential(image.image(), PullSecret.parse(image.pullSecret(),
                                ImageUpdateAnnotations.PREFIX + image.alias() + ".pull-secret")
                                .resolve(image.image(), secrets, env));
                    }
                    s = selector.select(image, current.get());
                } catch (ImageUpdateException e) {
                    statuses.add(new ImageStatus(image.alias(), image.image().name(),
                            image.strategy().annotationValue(), current.get(), "", e.getMessage()));
                    throw e;
                }
                String message = s.update() ? (dryRun ? "would update to " : "update to ") + s.newest() : s.reason();
                statuses.add(new ImageStatus(image.alias(), image.image().name(), image.strategy().annotationValue(),
                        s.current(), s.newest(), message));
                if (s.update()) {
                    changes.add(new ImageChange(image, s.current(), s.newest()));
                }
            }
            if (!changes.isEmpty()) {
                writeBack = describe(app, spec.writeBack());
                if (!dryRun) {
                    String commit = write(app, spec, changes);
                    log.info("image update of " + app.name() + ": " + changes.stream().map(ImageChange::describe)
                            .collect(Collectors.joining("; ")) + (commit.isEmpty() ? "" : " (commit " + commit + ")"));
                    return new AppUpdateResult(app.name(), statuses, List.copyOf(changes), commit, writeBack, "",
                            clock.instant(), false);
                }
            }
            return new AppUpdateResult(app.name(), statuses, List.copyOf(changes), "", writeBack, "", clock.instant(),
                    dryRun);
        } catch (ImageUpdateException | IllegalArgumentException e) {
            log.warn("image update of " + app.name() + " failed: " + e.getMessage());
            return new AppUpdateResult(app.name(), statuses, List.copyOf(changes), "", writeBack, e.getMessage(),
                    clock.instant(), dryRun);
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("image update of " + app.name() + " failed: " + msg);
            return new AppUpdateResult(app.name(), statuses, List.copyOf(changes), "", writeBack,
                    "cannot read the application's current images: " + msg, clock.instant(), dryRun);
        }
    }

    /** The deployed version of {@code image}: tag, {@code tag@digest} or {@code @digest}; empty when not deployed. */
    static Optional<String> currentVersion(TrackedImage image, List<String> deployed) {
        for (String d : deployed) {
            ImageReference ref;
            try {
                ref = ImageReference.parse(d);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (ref.sameRepository(image.image())) {
                return Optional.of(ref.version());
            }
        }
        return Optional.empty();
    }

    private String write(Application app, ImageUpdateSpec spec, List<ImageChange> changes) {
        WriteBackConfig wb = spec.writeBack();
        if (wb.method() == WriteBackConfig.Method.ARGOCD) {
            overrides.record(app.name(), changes, usesHelm(app, changes, null));
            return "";
        }
        Function<String, RepoCredentials> gitCredentials = wb.gitCredentials().isEmpty()
                || wb.gitCredentials().equals("repocreds") ? repoCredentials
                : GitSecretCredentials.parse(wb.gitCredentials(), app).resolve(app.source().repoURL(), secrets);
        GitWriteBack git = new GitWriteBack(settings.workDir(), gitCredentials, settings.timeout(),
                settings.authorName(), settings.authorEmail(), 3);
        String message = commitMessage(app, changes);
        return git.commit(app.source().repoURL(), baseBranch(app, wb), wb.targetBranch(), message,
                root -> edits(root, app, wb, changes)).orElse("");
    }

    private Map<String, String> edits(Path root, Application app, WriteBackConfig wb, List<ImageChange> changes) {
        String appPath = app.source().path();
        Map<String, String> out = new LinkedHashMap<>();
        switch (wb.target()) {
            case SOURCE_OVERRIDE -> {
                String file = join(appPath, WriteBackConfig.overrideFileName(app.name()));
                FileEdits.Tool tool = usesHelm(app, changes, root.resolve(appPath.isEmpty() ? "." : appPath))
                        ? FileEdits.Tool.HELM : FileEdits.Tool.KUSTOMIZE;
                out.put(file, FileEdits.sourceOverride(read(root, file), tool, changes, file));
            }
            case KUSTOMIZATION -> {
                String dir = resolve(appPath, wb.file());
                String file = null;
                for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
                    if (Files.isRegularFile(root.resolve(join(dir, name)))) {
                        file = join(dir, name);
                        break;
                    }
                }
                if (file == null) {
                    throw new ImageUpdateException(ImageUpdateAnnotations.WRITE_BACK_TARGET + ": no kustomization in '"
                            + (dir.isEmpty() ? "/" : dir) + "'");
                }
                out.put(file, FileEdits.kustomization(read(root, file), changes, file));
            }
            case HELM_VALUES -> {
                String file = resolve(appPath, wb.file());
                out.put(file, FileEdits.helmValues(read(root, file), changes, file));
            }
        }
        return out;
    }

    /**
     * Helm parameters or kustomize images: Helm when an image names helm.* parameters, the source is explicitly Helm,
     * or the app directory holds a Chart.yaml; else Kustomize.
     */
    private static boolean usesHelm(Application app, List<ImageChange> changes, Path appDir) {
        if (changes.stream().anyMatch(ImageChange::helmAnnotated)) {
            return true;
        }
        var tool = app.source().explicitTool();
        if (tool != null) {
            return tool == io.jenkins.plugins.gitops.engine.model.ApplicationSource.Tool.HELM;
        }
        return appDir != null && Files.isRegularFile(appDir.resolve("Chart.yaml"));
    }

    static String commitMessage(Application app, List<ImageChange> changes) {
        String subject = "Image update of " + app.name() + ": " + changes.stream()
                .map(c -> c.image().image().name() + " " + (c.oldVersion().isEmpty() ? "<none>" : c.oldVersion())
                        + " -> " + c.newVersion())
                .collect(Collectors.joining(", "));
        return subject + "\n\n" + changes.stream().map(ImageChange::describe).collect(Collectors.joining("\n")) + "\n";
    }

    private static String describe(Application app, WriteBackConfig wb) {
        if (wb.method() == WriteBackConfig.Method.ARGOCD) {
            return "argocd (application overrides)";
        }
        String file = switch (wb.target()) {
            case SOURCE_OVERRIDE -> join(app.source().path(), WriteBackConfig.overrideFileName(app.name()));
            case KUSTOMIZATION -> "kustomization in " + resolve(app.source().path(), wb.file());
            case HELM_VALUES -> resolve(app.source().path(), wb.file());
        };
        String branch = wb.targetBranch().isEmpty() ? wb.baseBranch() : wb.baseBranch() + ":" + wb.targetBranch();
        return "git " + app.source().repoURL() + (branch.isEmpty() ? "" : " " + branch) + " " + file;
    }

    /** The branch to commit on: git-branch's base, else the targetRevision when it names a branch. */
    static String baseBranch(Application app, WriteBackConfig wb) {
        if (!wb.baseBranch().isEmpty()) {
            return wb.baseBranch();
        }
        String rev = app.source().targetRevision();
        if (rev == null || rev.isEmpty() || rev.equals("HEAD")) {
            return "";
        }
        if (rev.startsWith("refs/heads/")) {
            return rev.substring("refs/heads/".length());
        }
        if (rev.matches("[0-9a-f]{7,40}") || rev.startsWith("refs/") || !rev.matches("[A-Za-z0-9._/-]+")) {
            throw new ImageUpdateException("targetRevision '" + rev + "' is not a branch: set "
                    + ImageUpdateAnnotations.GIT_BRANCH + " to the branch to write back to");
        }
        return rev;
    }

    private static String read(Path root, String file) {
        Path p = root.resolve(file).normalize();
        if (!p.startsWith(root)) {
            throw new ImageUpdateException("write-back path '" + file + "' leaves the repository");
        }
        try {
            return Files.isRegularFile(p) ? Files.readString(p) : null;
        } catch (java.io.IOException e) {
            throw new ImageUpdateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code file} relative to the app path, or to the repository root when it starts with '/'. */
    static String resolve(String appPath, String file) {
        if (file.startsWith("/")) {
            return normalise(file.substring(1));
        }
        return normalise(join(appPath, file));
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() || dir.equals(".") ? name : dir + "/" + name;
    }

    private static String normalise(String path) {
        String s = Path.of(path.isEmpty() ? "." : path).normalize().toString().replace('\\', '/');
        if (s.startsWith("..")) {
            throw new ImageUpdateException("write-back path '" + path + "' leaves the repository");
        }
        return s.equals(".") ? "" : s;
    }
}
