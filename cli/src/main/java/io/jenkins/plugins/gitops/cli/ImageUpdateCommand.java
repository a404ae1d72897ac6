package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.RepoCredentialLookup;
import io.jenkins.plugins.gitops.engine.imageupdate.AppUpdateResult;
import io.jenkins.plugins.gitops.engine.imageupdate.CurrentImages;
import io.jenkins.plugins.gitops.engine.imageupdate.DockerConfig;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageOverrides;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageStatus;
import io.jenkins.plugins.gitops.engine.imageupdate.ImageUpdater;
import io.jenkins.plugins.gitops.engine.imageupdate.SecretSource;
import io.jenkins.plugins.gitops.engine.imageupdate.RegistryCredential;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gitops image-update}: one Argo CD Image Updater cycle over a directory of Applications. Exit 0 when every
 * application was checked (changed or not), 2 when any failed.
 */
@Command(name = "image-update", mixinStandardHelpOptions = true,
        description = "Check the registries for new image tags of Applications annotated for Argo CD Image Updater "
                + "and write them back (Git commit, or the state dir's overrides for write-back-method argocd).")
final class ImageUpdateCommand implements Callable<Integer> {

    @Option(names = "--apps", required = true, description = "directory of Application (and AppProject) YAML")
    Path appsDir;

    @Option(names = "--app", description = "only this application (repeatable)")
    List<String> only = new ArrayList<>();

    @Option(names = "--dry-run", description = "show what would change; write nothing")
    boolean dryRun;

    @Option(names = "--docker-config", description = "Docker config JSON with registry credentials "
            + "(default: $DOCKER_CONFIG/config.json or ~/.docker/config.json when present)")
    Path dockerConfig;

    @Option(names = {"-o", "--output"}, description = "text (default) or json")
    String output = "text";

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    /** Where {@code write-back-method: argocd} overrides are kept (read by {@code gitops controller}). */
    static Path overridesFile(Path stateDir) {
        return stateDir.resolve("image-overrides.json");
    }

    @Override
    public Integer call() {
        OutputFormat.check(output, "text", "json");
        ArgoFiles files = ControllerCommand.load(appsDir);
        List<Application> apps = files.applications().stream()
                .filter(a -> only.isEmpty() || only.contains(a.name())).toList();
        for (String name : only) {
            if (apps.stream().noneMatch(a -> a.name().equals(name))) {
                throw new IllegalArgumentException("--app " + name + ": no such application in " + appsDir);
            }
        }
        List<AppUpdateResult> results;
        try (GitOpsEngine e = engine.build(engine.warnings, files.projects())) {
            RepoCredentialLookup repoCreds = new RepoCredentialLookup(engine.credentials());
            ImageUpdater updater = new ImageUpdater(
                    ImageUpdater.Settings.defaults(engine.stateDir().resolve("image-updater"), registryCredentials()),
                    repoCreds::forUrl, CurrentImages.rendered(a -> e.render(a, null, null)),
                    new ImageOverrides(overridesFile(engine.stateDir())), Clock.systemUTC(), engine.warnings)
                    // pull-secret and git:secret: secrets are read from the default cluster, as Image Updater reads
                    // them from its own
                    .withSecrets((ns, name) -> e.clusters().defaultConnection().map(c -> SecretSource.of(c.client()))
                            .orElse(SecretSource.NONE).read(ns, name), System::getenv);
            results = updater.run(apps, dryRun);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.equals("json")) {
            out.println(Yaml.json(results.stream().map(ImageUpdateCommand::json).toList()));
        } else {
            if (results.isEmpty()) {
                out.println("no application has an " + "argocd-image-updater.argoproj.io/image-list annotation");
            }
            for (AppUpdateResult r : results) {
                print(out, r);
            }
        }
        out.flush();
        return results.stream().anyMatch(AppUpdateResult::failed) ? GitOpsCommand.ERROR : GitOpsCommand.OK;
    }

    private static void print(PrintWriter out, AppUpdateResult r) {
        String head = r.failed() ? "FAILED: " + r.error()
                : r.changes().isEmpty() ? "up to date"
                : (r.dryRun() ? "would update (" : "updated (") + String.join(", ", r.changeLines()) + ") via "
                        + r.writeBack() + (r.commit().isEmpty() ? "" : ", commit " + r.commit().substring(0, 12));
        out.println(r.app() + ": " + head);
        for (ImageStatus s : r.images()) {
            out.println("  " + s.alias() + " " + s.image() + " [" + s.strategy() + "] current "
                    + (s.current().isEmpty() ? "-" : s.current()) + ", newest allowed "
                    + (s.newest().isEmpty() ? "-" : s.newest()) + (s.message().isEmpty() ? "" : ": " + s.message()));
        }
    }

    private static java.util.Map<String, Object> json(AppUpdateResult r) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("application", r.app());
        m.put("changes", r.changeLines());
        m.put("commit", r.commit());
        m.put("writeBack", r.writeBack());
        m.put("error", r.error());
        m.put("dryRun", r.dryRun());
        m.put("checkedAt", r.checkedAt().toString());
        m.put("images", r.images());
        return m;
    }

    private List<RegistryCredential> registryCredentials() {
        Path file = dockerConfig;
        if (file == null) {
            String dir = System.getenv("DOCKER_CONFIG");
            Path dflt = dir != null && !dir.isBlank() ? Path.of(dir, "config.json")
                    : Path.of(System.getProperty("user.home"), ".docker", "config.json");
            file = Files.isRegularFile(dflt) ? dflt : null;
        }
        if (file == null) {
            return List.of();
        }
        try {
            return DockerConfig.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("--docker-config " + file + ": " + e.getMessage(), e);
        }
    }
}
