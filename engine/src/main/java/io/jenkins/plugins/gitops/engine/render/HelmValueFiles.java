package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.HelmSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code helm.valueFiles} and {@code helm.fileParameters} paths the way Argo CD's
 * {@code ResolveValueFilePathOrUrl} does, after {@code $ARGOCD_*} expansion: a relative path is relative to the
 * application directory, an absolute one ({@code /envs/prod.yaml}) to the repository root, and {@code $ref/...} to the
 * tree of the source with that {@code ref}. Each must stay inside its tree, lexically and after resolving symlinks.
 * Remote (URL) value files are not supported. A missing value file is an error naming it unless
 * {@code ignoreMissingValueFiles} is set. An entry with glob characters ({@code envs/*.yaml}, {@code envs/**}{@code
 * /*.yaml}) stands for the files it matches ({@link ValueFileGlob}), in lexical order, so the last one wins; a pattern
 * matching nothing is an error unless {@code ignoreMissingValueFiles} is set.
 */
final class HelmValueFiles {

    private HelmValueFiles() {}

    /** The value files to pass to Helm, in order (missing ones dropped when allowed). */
    static List<Path> resolve(RenderContext context) {
        HelmSource helm = context.source().helm();
        List<Path> out = new ArrayList<>();
        for (String entry : helm.valueFiles()) {
            Path file = locate(context, substituted(context, entry), "value file");
            if (ValueFileGlob.isPattern(entry)) {
                out.addAll(matching(context, entry, file));
                continue;
            }
            if (!Files.exists(file)) {
                if (helm.ignoreMissingValueFiles()) {
                    context.warn("helm value file '" + entry + "' does not exist; ignored (ignoreMissingValueFiles)");
                    continue;
                }
                throw new RenderException("helm value file '" + entry + "' does not exist (looked at '"
                        + display(context, file) + "'); set helm.ignoreMissingValueFiles to skip missing files");
            }
            out.add(realInside(context, file, entry, "value file"));
        }
        return out;
    }

    /** The files a glob entry matches, in lexical order, each inside the repository. */
    private static List<Path> matching(RenderContext context, String entry, Path pattern) {
        List<Path> files;
        try {
            files = ValueFileGlob.matches(pattern);
        } catch (IllegalArgumentException e) {
            throw new RenderException("helm value file pattern '" + entry + "' is not a valid glob: "
                    + e.getMessage());
        }
        if (files.isEmpty()) {
            if (context.source().helm().ignoreMissingValueFiles()) {
                context.warn("helm value file pattern '" + entry + "' matches no file; ignored"
                        + " (ignoreMissingValueFiles)");
                return List.of();
            }
            throw new RenderException("helm value file pattern '" + entry + "' matches no file (looked in '"
                    + display(context, pattern.getParent()) + "'); set helm.ignoreMissingValueFiles to skip it");
        }
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            out.add(realInside(context, f, display(context, f), "value file"));
        }
        return out;
    }

    /** Reads the file of a {@code --set-file} parameter. */
    static String readFileParameter(RenderContext context, HelmSource.FileParameter p) {
        Path file = locate(context, substituted(context, p.path()), "file parameter '" + p.name() + "'");
        if (!Files.exists(file)) {
            throw new RenderException("helm file parameter '" + p.name() + "': '" + p.path() + "' does not exist");
        }
        Path real = realInside(context, file, p.path(), "file parameter '" + p.name() + "'");
        try {
            return Files.readString(real, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("helm file parameter '" + p.name() + "': cannot read '" + p.path() + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Build-environment substitution in Argo CD's order ({@code getResolvedValueFiles}): a {@code $ref/} prefix that
     * names a source of the application is resolved first and only the rest is substituted, so {@code $values} is
     * never taken for an (unset, hence empty) environment variable.
     */
    private static String substituted(RenderContext context, String entry) {
        if (entry.startsWith("$")) {
            int slash = entry.indexOf('/');
            String ref = entry.substring(1, slash < 0 ? entry.length() : slash);
            if (context.request().refSources().containsKey(ref)) {
                return "$" + ref + (slash < 0 ? "" : context.environment().substitute(entry.substring(slash)));
            }
        }
        return context.environment().substitute(entry);
    }

    private static Path locate(RenderContext context, String value, String what) {
        if (value.contains("://")) {
            throw new RenderException("helm " + what + " '" + value + "': remote value files are not supported");
        }
        Path root = rootOf(context, value, what);
        Path file;
        if (value.startsWith("$")) {
            int slash = value.indexOf('/');
            file = root.resolve(slash < 0 ? "" : value.substring(slash + 1));
        } else if (value.startsWith("/")) {
            file = root.resolve(value.substring(1));
        } else {
            file = context.appDirectory().dir().resolve(value);
        }
        file = file.toAbsolutePath().normalize();
        if (!file.startsWith(root)) {
            throw new RenderException("helm " + what + " '" + value + "' leaves the repository");
        }
        return file;
    }

    private static Path rootOf(RenderContext context, String value, String what) {
        if (!value.startsWith("$")) {
            return context.appDirectory().repoRoot();
        }
        int slash = value.indexOf('/');
        String ref = value.substring(1, slash < 0 ? value.length() : slash);
        RenderRequest.RefSource source = context.request().refSources().get(ref);
        if (source == null) {
            throw new RenderException("helm " + what + " '" + value + "' refers to source ref '" + ref
                    + "', which is not a source of this application");
        }
        return source.root().toAbsolutePath().normalize();
    }

    private static Path realInside(RenderContext context, Path file, String entry, String what) {
        Path root = file.startsWith(context.appDirectory().repoRoot()) ? context.appDirectory().repoRoot() : null;
        if (root == null) {
            for (RenderRequest.RefSource s : context.request().refSources().values()) {
                if (file.startsWith(s.root().toAbsolutePath().normalize())) {
                    root = s.root().toAbsolutePath().normalize();
                }
            }
        }
        try {
            Path real = file.toRealPath();
            if (root == null || !real.startsWith(root.toRealPath())) {
                throw new RenderException("helm " + what + " '" + entry
                        + "' is a symlink that points outside the repository");
            }
            return real;
        } catch (IOException e) {
            throw new RenderException("helm " + what + " '" + entry + "' cannot be resolved: " + e.getMessage(), e);
        }
    }

    private static String display(RenderContext context, Path file) {
        return context.appDirectory().repoRelative(file);
    }
}
