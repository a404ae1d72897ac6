package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides which tool renders a source. An explicit tool section in the source ({@code helm}, {@code kustomize},
 * {@code directory}, {@code plugin}, or {@code chart}) wins. Otherwise the marker files in the application directory
 * decide, through {@link #MARKERS}; no marker means a plain directory of manifests.
 */
public final class ToolDetector {

    /** A file whose presence in the application directory selects a tool. */
    record Marker(String fileName, Tool tool) {}

    /**
     * Marker files, first match wins. Mirrors Argo CD's {@code discovery.AppType}: it records Helm for
     * {@code Chart.yaml} and Kustomize for a kustomization while walking the directory in lexical order, so when both
     * exist the kustomization (visited last) wins. The table states that outcome directly.
     */
    static final List<Marker> MARKERS = List.of(
            new Marker("kustomization.yaml", Tool.KUSTOMIZE),
            new Marker("kustomization.yml", Tool.KUSTOMIZE),
            new Marker("Kustomization", Tool.KUSTOMIZE),
            new Marker("Chart.yaml", Tool.HELM));

    private ToolDetector() {}

    /** The tool for a source whose files live in {@code appDir}. */
    public static Tool detect(ApplicationSource source, Path appDir) {
        Tool explicit = source.explicitTool();
        if (explicit != null) {
            return explicit;
        }
        for (Marker m : MARKERS) {
            if (Files.isRegularFile(appDir.resolve(m.fileName()))) {
                return m.tool();
            }
        }
        return Tool.DIRECTORY;
    }

    /** The kustomization file in a directory, or null (same names and order as Argo CD's KustomizationNames). */
    static Path kustomizationFile(Path dir) {
        for (Marker m : MARKERS) {
            if (m.tool() == Tool.KUSTOMIZE && Files.isRegularFile(dir.resolve(m.fileName()))) {
                return dir.resolve(m.fileName());
            }
        }
        return null;
    }
}
