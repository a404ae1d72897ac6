package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Decides whether a symbolic link of a repository stays inside the repository, as Argo CD's {@code
 * CheckOutOfBoundsSymlinks} does: absolute targets never do; relative targets must land inside the tree, both
 * lexically and after the file system resolved every link on the way (so {@code b -> a/../x} with {@code a -> ..} is
 * caught). Links may dangle; only where they point matters.
 */
final class SymlinkGuard {

    private final Path root;
    private final Path realRoot;

    SymlinkGuard(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = root.toRealPath();
    }

    /** Lexical check, before the link exists: target text relative to the link's directory. */
    boolean staysInside(String linkPath, String target) {
        Path targetPath = Paths.get(target);
        if (targetPath.isAbsolute() || target.startsWith("/") || target.startsWith("\\")) {
            return false;
        }
        Path link = root.resolve(linkPath).normalize();
        return link.startsWith(root) && link.getParent().resolve(targetPath).normalize().startsWith(root);
    }

    /** Check of an existing link through the file system: the real location it points at is inside the tree. */
    boolean resolvesInside(String linkPath) throws IOException {
        Path link = root.resolve(linkPath);
        Path target = Files.readSymbolicLink(link);
        if (target.isAbsolute()) {
            return false;
        }
        Path unresolved = link.getParent().toRealPath().resolve(target);
        return realLocation(unresolved).startsWith(realRoot);
    }

    /** The real path of {@code path}, resolving the longest existing prefix through the file system. */
    private static Path realLocation(Path path) throws IOException {
        Path existing = path;
        Path rest = Paths.get("");
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            rest = name == null ? rest : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path.normalize();
        }
        return existing.toRealPath().resolve(rest).normalize();
    }
}
