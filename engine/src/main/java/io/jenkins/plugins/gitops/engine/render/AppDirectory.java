package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.PathSafety;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The application's directory inside a repository tree, proven to stay inside it.
 *
 * <p>Invariant: {@link #dir()} exists, is a directory, and lies inside the repository both lexically (no {@code ..}
 * escape in the configured path) and really (after resolving symlinks). Every file read through {@link
 * #checkInside(Path)} is held to the same rule, so a symlink pointing outside the repository is an error that names
 * the link.
 */
public final class AppDirectory {

    private final Path repoRoot;
    private final Path realRepoRoot;
    private final String relativePath;
    private final Path dir;

    private AppDirectory(Path repoRoot, Path realRepoRoot, String relativePath, Path dir) {
        this.repoRoot = repoRoot;
        this.realRepoRoot = realRepoRoot;
        this.relativePath = relativePath;
        this.dir = dir;
    }

    /** Resolves {@code path} (relative to the repository root; empty means the root) and checks it. */
    public static AppDirectory resolve(Path repoRoot, String path) {
        String rel = path == null ? "" : path.trim();
        while (rel.startsWith("./")) {
            rel = rel.substring(2);
        }
        if (rel.equals(".")) {
            rel = "";
        }
        if (rel.startsWith("/") || PathSafety.escapes(rel)) {
            throw new RenderException("application path '" + rel + "' leaves the repository");
        }
        Path root = repoRoot.toAbsolutePath().normalize();
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new RenderException("repository tree " + root + " is not readable: " + e.getMessage(), e);
        }
        Path dir = rel.isEmpty() ? root : root.resolve(rel).normalize();
        if (!Files.exists(dir)) {
            throw new RenderException("application path '" + rel + "' does not exist in the repository");
        }
        AppDirectory app = new AppDirectory(root, realRoot, rel, dir);
        Path real = app.realPathOf(dir, rel);
        if (!Files.isDirectory(real)) {
            throw new RenderException("application path '" + rel + "' is not a directory");
        }
        return app;
    }

    /** The repository root (absolute, normalised, not symlink-resolved). */
    public Path repoRoot() {
        return repoRoot;
    }

    /** The application directory (absolute). */
    public Path dir() {
        return dir;
    }

    /** The configured path, relative to the repository root ("" for the root). */
    public String relativePath() {
        return relativePath;
    }

    /** A file's path relative to the repository root, with forward slashes, for messages and object sources. */
    public String repoRelative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(repoRoot)) {
            return repoRoot.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toString();
    }

    /** A repository-relative name for a path inside the application directory given relative to it. */
    public String repoRelative(String relativeToApp) {
        return relativePath.isEmpty() ? relativeToApp : relativePath + "/" + relativeToApp;
    }

    /**
     * The real (symlink-free) path of {@code file}, which must stay inside the repository; otherwise an error naming
     * the file as the repository knows it.
     */
    public Path checkInside(Path file) {
        return realPathOf(file, repoRelative(file));
    }

    /** True when the real path of {@code file} is inside the repository (the file must exist). */
    boolean isInside(Path file) throws IOException {
        return file.toRealPath().startsWith(realRepoRoot);
    }

    private Path realPathOf(Path file, String name) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new RenderException("'" + name + "' cannot be resolved (broken symlink?): " + e.getMessage(), e);
        }
        if (!real.startsWith(realRepoRoot)) {
            throw new RenderException("'" + name + "' is a symlink that points outside the repository");
        }
        return real;
    }

    /**
     * A symlink met while walking: one that resolves must stay inside the repository; a broken one (a lock file an
     * editor or browser left, a target not checked in) is judged by where it points, as Argo CD does, since no tool
     * can read anything through it: inside the repository it is harmless, outside it is refused.
     */
    private void checkLink(Path link) {
        if (Files.exists(link)) {
            checkInside(link);
            return;
        }
        Path target;
        try {
            target = link.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(link)).normalize();
        } catch (IOException e) {
            throw new RenderException("'" + repoRelative(link) + "' cannot be read as a symlink: " + e.getMessage(), e);
        }
        if (!target.startsWith(repoRoot) && !target.startsWith(realRepoRoot)) {
            throw new RenderException("'" + repoRelative(link) + "' is a symlink that points outside the repository");
        }
    }

    /**
     * Walks a directory tree and fails on the first symlink whose target leaves the repository (or is broken),
     * naming it. External tools follow symlinks freely, so their input is checked before they run.
     */
    public void checkSymlinks(Path tree) {
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return d.getFileName() != null && d.getFileName().toString().equals(".git") && !d.equals(tree)
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (Files.isSymbolicLink(f)) {
                        checkLink(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (e instanceof java.nio.file.NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // gone while walking (a local checkout in use): nothing to check
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new RenderException("cannot scan '" + repoRelative(tree) + "': " + e.getMessage(), e);
        }
    }
}
