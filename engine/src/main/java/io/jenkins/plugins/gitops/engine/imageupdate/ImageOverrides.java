package io.jenkins.plugins.gitops.engine.imageupdate;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import io.jenkins.plugins.gitops.engine.model.HelmSource;
import io.jenkins.plugins.gitops.engine.model.KustomizeSource;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code argocd} write-back method: new images are kept in the application's own state instead of Git (Image
 * Updater patches the Application's {@code spec.source}) and applied as parameter overrides whenever the application
 * is rendered ({@link #applyTo}). Per application: kustomize image overrides and Helm parameters. Persisted to one JSON
 * file when a path is given (written atomically). Thread-safe.
 */
public final class ImageOverrides {

    /** What one application overrides. */
    public record Entry(List<String> kustomizeImages, Map<String, String> helmParameters) {
        public Entry {
            kustomizeImages = List.copyOf(kustomizeImages);
            // sorted by name, so parameters are applied in a stable order (Map.copyOf would not keep it)
            helmParameters = java.util.Collections.unmodifiableMap(new TreeMap<>(helmParameters));
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();

    /** @param file where overrides persist; null keeps them in memory only */
    public ImageOverrides(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try {
                entries.putAll(Yaml.JSON.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read image overrides " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public synchronized Map<String, Entry> all() {
        return Map.copyOf(entries);
    }

    /** Records {@code changes} for {@code app}: Helm parameters when {@code helm}, else kustomize images. */
    public synchronized void record(String app, List<ImageChange> changes, boolean helm) {
        Entry old = entries.getOrDefault(app, new Entry(List.of(), Map.of()));
        List<String> images = new ArrayList<>(old.kustomizeImages());
        Map<String, String> params = new LinkedHashMap<>(old.helmParameters());
        for (ImageChange c : changes) {
            if (helm) {
                if (!c.image().helmImageSpec().isEmpty()) {
                    params.put(c.image().helmImageSpec(), c.newReference());
                } else {
                    params.put(c.helmNameParameter(), c.image().image().name());
                    params.put(c.helmTagParameter(), c.newVersion());
                }
            } else {
                images.removeIf(i -> FileEdits.kustomizeName(i).equals(c.kustomizeName()));
                images.add(c.kustomizeImage());
            }
        }
        entries.put(app, new Entry(images, params));
        save();
    }

    public synchronized boolean remove(String app) {
        boolean removed = entries.remove(app) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    /** The application with its overrides merged into its first source (the same object when it has none). */
    public synchronized Application applyTo(Application app) {
        Entry e = entries.get(app.name());
        if (e == null) {
            return app;
        }
        ApplicationSource s = app.source();
        KustomizeSource k = s.kustomize();
        if (!e.kustomizeImages().isEmpty()) {
            List<String> images = new ArrayList<>(k.images());
            for (String i : e.kustomizeImages()) {
                images.removeIf(x -> FileEdits.kustomizeName(x).equals(FileEdits.kustomizeName(i)));
                images.add(i);
            }
            k = new KustomizeSource(List.copyOf(images), k.namePrefix(), k.nameSuffix(), k.commonLabels(),
                    k.commonAnnotations(), k.namespace(), k.replicas(), k.forceCommonLabels(),
                    k.forceCommonAnnotations(), k.version());
        }
        HelmSource h = s.helm();
        if (!e.helmParameters().isEmpty()) {
            List<HelmSource.Parameter> params = new ArrayList<>(h.parameters());
            e.helmParameters().forEach((name, value) -> {
                params.removeIf(p -> p.name().equals(name));
                params.add(new HelmSource.Parameter(name, value, true));
            });
            h = new HelmSource(h.valueFiles(), h.values(), h.valuesObject(), List.copyOf(params), h.fileParameters(),
                    h.releaseName(), h.skipCrds(), h.ignoreMissingValueFiles(), h.namespace(), h.kubeVersion(),
                    h.apiVersions(), h.passCredentials(), h.version());
        }
        List<ApplicationSource> sources = new ArrayList<>(app.sources());
        sources.set(0, new ApplicationSource(s.repoURL(), s.targetRevision(), s.path(), s.chart(), s.ref(),
                s.directory(), h, k, s.pluginName()));
        return new Application(app.name(), app.namespace(), app.project(), app.labels(), app.annotations(),
                List.copyOf(sources), app.multiSource(), app.destination(), app.syncPolicy(), app.ignoreDifferences(),
                app.revisionHistoryLimit(), app.file());
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Yaml.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), entries);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image overrides " + file + ": " + e.getMessage(), e);
        }
    }
}
