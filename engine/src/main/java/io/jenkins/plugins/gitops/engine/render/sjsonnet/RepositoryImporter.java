package io.jenkins.plugins.gitops.engine.render.sjsonnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import scala.Option;
import sjsonnet.OsPath;
import sjsonnet.ResolvedFile;
import sjsonnet.StaticResolvedFile;

/**
 * Resolves Jsonnet {@code import}, {@code importstr} and {@code importbin} as go-jsonnet's {@code FileImporter} does
 * with the search paths Argo CD's {@code makeJsonnetVm} gives it: first the directory of the importing file, then
 * the library paths from the last to the first, the application directory being the first of them. Unlike a plain
 * file importer, a file whose real path (symlinks resolved) lies outside the repository is never read: the first
 * such attempt is remembered and reported by the engine's {@code JsonnetEvaluator} in place of sjsonnet's "couldn't
 * import".
 */
final class RepositoryImporter extends sjsonnet.Importer {

    private final Path realRepoRoot;
    private final List<Path> searchPaths;
    private volatile String escape;

    /**
     * @param realRepoRoot the repository root, symlinks resolved
     * @param jpaths Argo CD's JPaths in its order: the application directory, then each library path
     */
    RepositoryImporter(Path realRepoRoot, List<Path> jpaths) {
        this.realRepoRoot = realRepoRoot;
        List<Path> reversed = new ArrayList<>(jpaths);
        java.util.Collections.reverse(reversed);
        this.searchPaths = List.copyOf(reversed);
    }

    /** The first import refused for leaving the repository, or null. */
    String escape() {
        return escape;
    }

    @Override
    public Option<sjsonnet.Path> resolve(sjsonnet.Path docBase, String importName) {
        List<Path> bases = new ArrayList<>();
        bases.add(((OsPath) docBase).p().toNIO());
        bases.addAll(searchPaths);
        for (Path base : bases) {
            Path candidate;
            try {
                candidate = base.resolve(importName).normalize();
            } catch (InvalidPathException e) {
                return Option.empty();
            }
            if (!Files.isRegularFile(candidate)) {
                continue;
            }
            if (!inside(candidate)) {
                if (escape == null) {
                    escape = "import '" + importName + "' resolves to a file outside the repository";
                }
                continue;
            }
            return Option.apply(new OsPath(new os.Path(candidate)));
        }
        return Option.empty();
    }

    @Override
    public Option<ResolvedFile> read(sjsonnet.Path path) {
        Path file = ((OsPath) path).p().toNIO();
        if (!inside(file)) {
            return Option.empty();
        }
        try {
            return Option.apply(new StaticResolvedFile(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Option.empty();
        }
    }

    private boolean inside(Path file) {
        try {
            return file.toRealPath().startsWith(realRepoRoot);
        } catch (IOException e) {
            return false;
        }
    }
}
