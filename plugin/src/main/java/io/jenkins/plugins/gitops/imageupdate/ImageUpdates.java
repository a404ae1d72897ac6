package io.jenkins.plugins.gitops.imageupdate;

import io.jenkins.plugins.gitops.EngineRuntime;
import io.jenkins.plugins.gitops.EngineSettings;
import io.jenkins.plugins.gitops.GitOpsService;
import io.jenkins.plugins.gitops.JulLog;
import io.jenkins.plugins.gitops.RegisteredApplication;
import io.jenkins.plugins.gitops.config.CredentialsResolver;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import io.jenkins.plugins.gitops.engine.RepoCredentialLookup;
import io.jenkins.plugins.gitops.engine.imageupdate.AppUpdateResult;
import io.jenkins.plugins.gitops.engine.imageupdate.CurrentImages;
import io.jenkins.plugins.gitops.engine.imageupdate.DockerConfig;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageOverrides;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageUpdateLoop;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageUpdater;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageUpdateException;
import io.jenkins.plugins.gitops.engine.imageupdate.RegistryCache;
import io.jenkins.plugins.gitops.engine.imageupdate.RegistryCredential;
import io.jenkins.plugins.gitops.engine.imageupdate.SecretSource;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.SystemProperties;

/**
 * The plugin's image updater: the engine's {@link ImageUpdateLoop} over the registered applications, with the
 * repository credentials of the GitOps configuration and registry credentials from a Docker config JSON (system
 * property {@value #DOCKER_CONFIG_PROPERTY} or environment variable {@code GITOPS_DOCKER_CONFIG}). Converts only.
 */
public final class ImageUpdates {

    static final String INTERVAL_PROPERTY = "io.jenkins.plugins.gitops.imageupdate.interval";
    static final String DOCKER_CONFIG_PROPERTY = "io.jenkins.plugins.gitops.imageupdate.dockerConfig";
    private static final Logger LOGGER = Logger.getLogger(ImageUpdates.class.getName());

    private static ImageUpdates instance;

    private final ImageOverrides overrides;
    private final ImageUpdateLoop loop;
    /** Content-addressed registry answers kept across cycles (manifests by digest, build dates by config digest). */
    private final RegistryCache registryCache = new RegistryCache(20_000);

    private ImageUpdates() {
        Path home = GitOpsService.get().home();
        this.overrides = new ImageOverrides(home.resolve("image-overrides.json"));
        this.loop = new ImageUpdateLoop(() -> updater(home), ImageUpdates::interval,
                Clock.systemUTC(), ImageUpdates::changed);
    }

    /**
     * The configured interval (Manage Jenkins, or JCasC {@code imageUpdateIntervalSeconds}); unset, the system
     * property {@value #INTERVAL_PROPERTY}, else 2 minutes.
     */
    static Duration interval() {
        int configured = GitOpsConfiguration.get().getImageUpdateIntervalSeconds();
        long seconds = configured > 0 ? configured
                : SystemProperties.getLong(INTERVAL_PROPERTY, ImageUpdateLoop.DEFAULT_INTERVAL.toSeconds());
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    public static synchronized ImageUpdates get() {
        if (instance == null) {
            instance = new ImageUpdates();
        }
        return instance;
    }

    public ImageOverrides overrides() {
        return overrides;
    }

    public ImageUpdateLoop loop() {
        return loop;
    }

    /** The registered applications, as parsed Applications (those whose YAML no longer parses are skipped). */
    public static List<Application> registeredApplications() {
        List<Application> out = new ArrayList<>();
        for (RegisteredApplication reg : GitOpsService.get().registeredApplications()) {
            try {
                out.add(ArgoDocuments.parseApplication(reg.getYaml(), reg.getFile()));
            } catch (RuntimeException e) {
                LOGGER.fine("skipping " + reg.getName() + ": " + e.getMessage());
            }
        }
        return out;
    }

    private ImageUpdater updater(Path home) {
        EngineSettings settings = CredentialsResolver.resolve(GitOpsConfiguration.get());
        RepoCredentialLookup repos = new RepoCredentialLookup(settings.repositories());
        CurrentImages current = CurrentImages.rendered(app -> {
            try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
                return lease.engine().render(app, null, null);
            }
        });
        return new ImageUpdater(ImageUpdater.Settings.defaults(home.resolve("image-updater"), registryCredentials()),
                repos::forUrl, current, overrides, Clock.systemUTC(), new JulLog(LOGGER))
                .withSecrets(ImageUpdates::readSecret, System::getenv)
                .withRegistryCache(registryCache);
    }

    /**
     * Secrets of the default cluster (Argo CD Image Updater reads pull secrets and Git secrets from the cluster it runs
     * in); a lease per read, so a configuration change in between is harmless.
     */
    private static Optional<Map<String, String>> readSecret(String namespace, String name) {
        try (EngineRuntime.Lease lease = GitOpsService.get().lease()) {
            ClusterConnection c = lease.engine().clusters().defaultConnection().orElseThrow(() ->
                    new ImageUpdateException("secret " + namespace + "/" + name + " cannot be read: no default cluster "
                            + "is configured"));
            return SecretSource.of(c.client()).read(namespace, name);
        }
    }

    /**
     * The configured registry credentials (Manage Jenkins: image registry credentials, or JCasC), then those of a
     * Docker config JSON (system property {@value #DOCKER_CONFIG_PROPERTY} or {@code GITOPS_DOCKER_CONFIG}); the
     * longest matching prefix wins.
     */
    private static List<RegistryCredential> registryCredentials() {
        List<String> problems = new ArrayList<>();
        List<RegistryCredential> out = new ArrayList<>(
                CredentialsResolver.registryCredentials(GitOpsConfiguration.get(), problems));
        problems.forEach(p -> LOGGER.warning("image updater: " + p));
        String path = SystemProperties.getString(DOCKER_CONFIG_PROPERTY, System.getenv("GITOPS_DOCKER_CONFIG"));
        if (path == null || path.isBlank()) {
            return out;
        }
        try {
            out.addAll(DockerConfig.parse(Files.readString(Path.of(path)), path));
        } catch (IOException | RuntimeException e) {
            LOGGER.warning("image updater: cannot read registry credentials from " + path + ": " + e.getMessage());
        }
        return out;
    }

    /** A change was written: refresh the application now (Git), or hand it its new overrides (argocd). */
    private static void changed(AppUpdateResult result) {
        GitOpsService service = GitOpsService.get();
        service.runningRuntime().ifPresent(rt -> {
            try {
                if (result.commit().isEmpty()) {
                    service.registered(result.app()).ifPresent(reg -> rt.controller().register(
                            get().overrides.applyTo(ArgoDocuments.parseApplication(reg.getYaml(), reg.getFile())),
                            reg.getOwner()));
                }
                rt.controller().requestRefresh(result.app());
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "image updater: cannot refresh " + result.app() + ": " + e.getMessage());
            }
        });
    }
}
