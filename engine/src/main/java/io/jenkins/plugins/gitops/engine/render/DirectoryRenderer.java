package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.DirectorySource;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Plain manifests: the {@code .yaml}, {@code .yml} and {@code .json} files of the application directory (and of its
 * subdirectories with {@code recurse: true}), in lexical order per directory, as Argo CD's {@code findManifests}.
 *
 * <p>{@code include} and {@code exclude} globs match the path relative to the application directory; exclude wins.
 * Symlinks must point inside the repository (error otherwise); a broken symlink is skipped with a warning. As in Argo
 * CD, a YAML file that fails to parse in its first document and does not look like a manifest (lacks any of
 * {@code apiVersion:}, {@code kind:}, {@code metadata:}) is ignored with a warning; every other failure is an error
 * naming the file and document. {@code .jsonnet} files are evaluated by {@link JsonnetEvaluator} with the
 * source's {@code directory.jsonnet} settings.
 */
public final class DirectoryRenderer implements ManifestRenderer {

    /** File names considered, as Argo CD's {@code manifestFile} pattern. */
    private static final Pattern MANIFEST_FILE = Pattern.compile("^.*\\.(yaml|yml|json|jsonnet)$");

    @Override
    public List<KubeObject> render(RenderContext context) {
        DirectorySource dir = context.source().directory();
        GlobPattern include = dir.include().isEmpty() ? null : GlobPattern.compile(dir.include(), "include");
        GlobPattern exclude = dir.exclude().isEmpty() ? null : GlobPattern.compile(dir.exclude(), "exclude");
        AppDirectory app = context.appDirectory();
        List<Path> files = new ArrayList<>();
        collect(app.dir(), dir.recurse(), files, app);
        checkTotalSize(files, app, context);

        List<FileRead> reads = new ArrayList<>();
        long total = 0;
        for (Path file : files) {
            String relToApp = app.dir().relativize(file).toString().replace('\\', '/');
            String name = app.repoRelative(file);
            if (!Files.exists(file)) {
                context.warn("skipping '" + name + "': destination of symlink is missing");
                continue;
            }
            Path real = app.checkInside(file);
            if (!Files.isRegularFile(real)) {
                continue;
            }
            if (exclude != null && exclude.matches(relToApp) || include != null && !include.matches(relToApp)) {
                continue;
            }
            total += size(real, name);
            if (total > context.settings().maxRenderedBytes()) {
                throw new RenderException("manifest files under '" + app.relativePath() + "' exceed the limit of "
                        + context.settings().maxRenderedBytes() + " bytes (at " + name + ")");
            }
            reads.add(name.endsWith(".jsonnet") ? new FileRead(() -> new Parsed(
                    JsonnetEvaluator.render(file, name, context), null), false)
                    : new FileRead(() -> read(real, name), true));
        }
        // YAML and JSON files are parsed in parallel when there are many (a directory of hundreds of manifests);
        // then, in file order, Jsonnet is evaluated, warnings are recorded and the first failure is thrown, exactly
        // as if every file had been read one after the other
        java.util.stream.Stream<FileRead> parse = reads.size() >= PARALLEL_FROM ? reads.parallelStream()
                : reads.stream();
        parse.filter(FileRead::parallel).forEach(FileRead::run);
        List<KubeObject> objects = new ArrayList<>();
        for (FileRead r : reads) {
            Parsed parsed = r.result();
            if (parsed.warning() != null) {
                context.warn(parsed.warning());
            }
            objects.addAll(parsed.objects());
        }
        return objects;
    }

    /** From this many files on, YAML and JSON files are parsed in parallel (common fork-join pool). */
    static final int PARALLEL_FROM = 32;

    /** What one file gave: its objects, and a warning when it was ignored. */
    private record Parsed(List<KubeObject> objects, String warning) {}

    /** One file's reading, run ahead (in parallel) or when its turn comes; keeps a failure for its turn. */
    private static final class FileRead {
        private final java.util.function.Supplier<Parsed> work;
        private final boolean parallel;
        private Parsed parsed;
        private RuntimeException failure;
        private boolean done;

        FileRead(java.util.function.Supplier<Parsed> work, boolean parallel) {
            this.work = work;
            this.parallel = parallel;
        }

        boolean parallel() {
            return parallel;
        }

        void run() {
            try {
                parsed = work.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            done = true;
        }

        Parsed result() {
            if (!done) {
                run();
            }
            if (failure != null) {
                throw failure;
            }
            return parsed;
        }
    }

    private static Parsed read(Path file, String name) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new RenderException(name + ": not valid UTF-8 text (manifests must be UTF-8 encoded)", e);
        } catch (IOException e) {
            throw new RenderException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (name.endsWith(".json")) {
            return new Parsed(ManifestParser.json(text, name), null);
        }
        try {
            return new Parsed(ManifestParser.yaml(text, name), null);
        } catch (ManifestSyntaxException e) {
            if (e.objectsBefore() == 0 && !looksLikeManifest(text)) {
                return new Parsed(List.of(), "ignoring '" + name + "': not a Kubernetes manifest (" + e.getMessage()
                        + ")");
            }
            throw e;
        }
    }

    /** Argo CD's heuristic for "this unparseable YAML file was meant to be a manifest". */
    static boolean looksLikeManifest(String text) {
        return text.contains("apiVersion:") && text.contains("kind:") && text.contains("metadata:");
    }

    private static long size(Path file, String name) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new RenderException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Depth-first, lexical order per directory; directories are entered only with recurse, symlinked ones never. */
    /** Refuses before parsing anything when the files together exceed the render limit (parsing 50 MB is slow). */
    private static void checkTotalSize(List<Path> files, AppDirectory app, RenderContext context) {
        long total = 0;
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                total += size(file, app.repoRelative(file));
                if (total > context.settings().maxRenderedBytes()) {
                    throw new RenderException("manifest files under '" + app.relativePath() + "' exceed the limit of "
                            + context.settings().maxRenderedBytes() + " bytes (at " + app.repoRelative(file) + ")");
                }
            }
        }
    }

    private static void collect(Path dir, boolean recurse, List<Path> out, AppDirectory app) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new RenderException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        for (Path e : entries) {
            if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                if (recurse) {
                    collect(e, true, out, app);
                }
            } else if (Files.isSymbolicLink(e) && Files.isDirectory(e)) {
                app.checkInside(e); // never entered, but one pointing out of the repository is refused as Argo CD does
            } else if (MANIFEST_FILE.matcher(e.getFileName().toString()).matches()) {
                out.add(e);
            }
        }
    }
}
