package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Argo CD documents of a YAML file or of every {@code *.yaml} / {@code *.yml} file under a directory (sorted by
 * path, so the result does not depend on the file system). Any invalid file is an error naming it. The
 * notification files ({@code argocd-notifications-cm.yaml}, {@code argocd-notifications-secret.yaml}) are left to
 * {@link NotificationsFile}.
 */
record ArgoFiles(List<Application> applications, List<AppProject> projects, List<ApplicationSet> applicationSets) {

    static ArgoFiles read(String option, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(option + " " + path + ": no such file or directory");
        }
        List<Application> apps = new ArrayList<>();
        List<AppProject> projects = new ArrayList<>();
        List<ApplicationSet> sets = new ArrayList<>();
        for (Path f : files(option, path)) {
            ArgoDocuments docs = ArgoDocuments.read(f);
            apps.addAll(docs.applications());
            projects.addAll(docs.projects());
            sets.addAll(docs.applicationSets());
        }
        return new ArgoFiles(List.copyOf(apps), List.copyOf(projects), List.copyOf(sets));
    }

    private static List<Path> files(String option, Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !NotificationsFile.isNotificationsFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(option + " " + path + ": " + e.getMessage(), e);
        }
    }
}
