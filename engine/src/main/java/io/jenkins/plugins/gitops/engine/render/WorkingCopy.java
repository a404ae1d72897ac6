package io.jenkins.plugins.gitops.engine.render;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private temporary directory for one render, deleted on {@link #close()}. Tools that must edit files (kustomize
 * overrides) or see rewritten files (Helm charts) work here, never in the shared read-only repository tree.
 *
 * <p>Copies dereference symlinks after checking that each one stays inside the repository, so the copy contains no
 * link to anywhere; a symlink loop is an error.
 */
final class WorkingCopy implements AutoCloseable {

    private final Path root;

    private WorkingCopy(Path root) {
        this.root = root;
    }

    static WorkingCopy create(RenderSettings settings) {
        try {
            Path base = settings.effectiveTempDir();
            Files.createDirectories(base);
            return new WorkingCopy(Files.createTempDirectory(base, "gitops-render-"));
        } catch (IOException e) {
            throw new RenderException("cannot create a temporary directory for rendering: " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    /**
     * Copies the tree {@code from} (inside the repository of {@code app}) to {@code to}, dereferencing symlinks.
     * {@code .git} directories are not copied.
     */
    static void copyTree(AppDirectory app, Path from, Path to) {
        copyTree(app, from, to, new ArrayDeque<>());
    }

    private static void copyTree(AppDirectory app, Path from, Path to, Deque<Path> stack) {
        Path real = app.checkInside(from);
        if (stack.contains(real)) {
            throw new RenderException("'" + app.repoRelative(from) + "' is a symlink loop");
        }
        stack.push(real);
        try {
            Files.createDirectories(to);
            for (Path child : list(from)) {
                String name = child.getFileName().toString();
                if (name.equals(".git")) {
                    continue;
                }
                if (!Files.exists(child)) {
                    continue; // broken symlink: nothing to copy, as tools would not see it either
                }
                Path realChild = app.checkInside(child);
                if (Files.isDirectory(realChild)) {
                    copyTree(app, child, to.resolve(name), stack);
                } else if (Files.isRegularFile(realChild)) {
                    Files.copy(realChild, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new RenderException("cannot copy '" + app.repoRelative(from) + "': " + e.getMessage(), e);
        } finally {
            stack.pop();
        }
    }

    static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new RenderException("cannot list " + dir.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover temp directory is not worth failing a render for
        }
    }
}
