package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.KustomizeSource;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Kustomize: runs {@code kustomize build DIR} (or {@code kubectl kustomize DIR}) with the Argo CD build environment,
 * from the repository root, as Argo CD does.
 *
 * <p>Without overrides the tool reads the repository tree directly. With {@code spec.source.kustomize} overrides, the
 * renderer builds a private mirror of the repository: the application directory is copied (symlinks dereferenced),
 * its kustomization is edited by {@link KustomizationEditor}, and every other entry on the way from the root is a
 * symlink to the original, so {@code ../base} references still resolve. The shared tree is never written.
 *
 * <p>Symlinks anywhere in the repository that point outside it are refused before the tool runs, because kustomize
 * follows them. Remote bases work only when the tool can fetch them (git and network available); otherwise its error
 * is reported.
 */
public final class KustomizeRenderer implements ManifestRenderer {

    @Override
    public List<KubeObject> render(RenderContext context) {
        AppDirectory app = context.appDirectory();
        Path kustomization = ToolDetector.kustomizationFile(app.dir());
        String name = app.repoRelative(kustomization != null ? kustomization : app.dir().resolve("kustomization.yaml"));
        if (kustomization == null) {
            throw new RenderException("no kustomization.yaml, kustomization.yml or Kustomization in '"
                    + app.relativePath() + "'");
        }
        app.checkSymlinks(app.repoRoot());
        KustomizationReferences.check(app.repoRoot(), app.dir());
        KustomizeCommand command = KustomizeLocator.resolve(context.settings(), context.application().name());
        ToolRunner runner = new ToolRunner(context.settings().toolTimeout(), context.settings().maxToolOutputBytes());
        String what = command.displayName() + " " + displayPath(app);
        KustomizeSource overrides = context.source().kustomize();
        String output;
        if (!overrides.hasOverrides()) {
            output = runner.run(command.build(app.dir()), app.repoRoot(), context.environment().variables(), what);
        } else {
            try (WorkingCopy copy = WorkingCopy.create(context.settings())) {
                Path mirrorRoot = copy.root().resolve("repo");
                Path mirrorApp = mirror(app, mirrorRoot);
                edit(mirrorApp.resolve(kustomization.getFileName().toString()), overrides, context, name);
                try {
                    output = runner.run(command.build(mirrorApp), mirrorRoot, context.environment().variables(),
                            what);
                } catch (RenderException e) {
                    throw new RenderException(e.getMessage().replace(mirrorRoot + "/", ""), e);
                }
            }
        }
        return ManifestParser.yaml(output, name);
    }

    private static String displayPath(AppDirectory app) {
        return app.relativePath().isEmpty() ? "." : app.relativePath();
    }

    private static void edit(Path file, KustomizeSource overrides, RenderContext context, String name) {
        try {
            JsonNode doc = io.jenkins.plugins.gitops.engine.model.YamlTree.readTree(Files.readString(file));
            if (doc == null || doc.isNull() || doc.isMissingNode()) {
                doc = Yaml.YAML.createObjectNode();
            }
            if (!doc.isObject()) {
                throw new RenderException(name + ": kustomization is not a mapping");
            }
            KustomizationEditor.apply((ObjectNode) doc, overrides, context.environment(), name);
            Files.writeString(file, Yaml.write(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RenderException(name + ": YAML syntax error"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": "
                    + ManifestParser.problem(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new RenderException(name + ": cannot edit a copy: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the mirror: real directories along the application path, symlinks to the originals for their other
     * entries, and a full copy of the application directory. Returns the mirrored application directory.
     */
    static Path mirror(AppDirectory app, Path mirrorRoot) {
        try {
            Files.createDirectories(mirrorRoot);
            Path original = app.repoRoot();
            Path mirrored = mirrorRoot;
            String rel = app.relativePath();
            for (String segment : rel.isEmpty() ? new String[0] : rel.split("/")) {
                for (Path child : WorkingCopy.list(original)) {
                    String childName = child.getFileName().toString();
                    if (!childName.equals(segment)) {
                        Files.createSymbolicLink(mirrored.resolve(childName), child.toAbsolutePath());
                    }
                }
                original = original.resolve(segment);
                mirrored = mirrored.resolve(segment);
                Files.createDirectories(mirrored);
            }
            WorkingCopy.copyTree(app, original, mirrored);
            return mirrored;
        } catch (IOException e) {
            throw new RenderException("cannot prepare a working copy of '" + app.relativePath() + "': "
                    + e.getMessage(), e);
        }
    }
}
