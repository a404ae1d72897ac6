package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** File-system helpers for trees this package makes read-only: locking them and deleting them again. */
final class FileTrees {

    private static final Set<PosixFilePermission> READ_ONLY_DIR = PosixFilePermissions.fromString("r-xr-xr-x");
    private static final Set<PosixFilePermission> READ_ONLY_FILE = PosixFilePermissions.fromString("r--r--r--");
    private static final Set<PosixFilePermission> READ_ONLY_EXECUTABLE = PosixFilePermissions.fromString("r-xr-xr-x");
    private static final Set<PosixFilePermission> WRITABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private FileTrees() {}

    /** Makes a file read-only, keeping it executable when it was. */
    static void lockFile(Path file, boolean executable) throws IOException {
        if (!setPosix(file, executable ? READ_ONLY_EXECUTABLE : READ_ONLY_FILE)) {
            file.toFile().setWritable(false, false);
        }
    }

    /** Makes a directory read-only (entries can no longer be added, removed or renamed). */
    static void lockDirectory(Path dir) throws IOException {
        if (!setPosix(dir, READ_ONLY_DIR)) {
            dir.toFile().setWritable(false, false);
        }
    }

    /** Deletes a file tree, making read-only directories writable first; symbolic links are deleted, not followed. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!setPosix(dir, WRITABLE_DIR)) {
                    dir.toFile().setWritable(true);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean setPosix(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
