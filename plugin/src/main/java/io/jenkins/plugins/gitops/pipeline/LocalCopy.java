package io.jenkins.plugins.gitops.pipeline;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.gitops.GitOpsService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A workspace directory copied to the controller so the engine can render it instead of Git (Argo CD's
 * {@code sync --local}); the workspace may be on an agent. Deleted when closed.
 */
final class LocalCopy implements AutoCloseable {

    private final Path dir;

    private LocalCopy(Path dir) {
        this.dir = dir;
    }

    /** Null when {@code local} is null (render from Git). */
    static LocalCopy of(String stepName, String local, FilePath workspace) throws IOException, InterruptedException {
        if (local == null) {
            return null;
        }
        if (workspace == null) {
            throw new AbortException(stepName + "(local: '" + local + "') reads the workspace: call it inside a "
                    + "node block");
        }
        String rel = local.replace('\\', '/');
        if (rel.startsWith("/") || rel.startsWith("~") || rel.matches("^[A-Za-z]:.*")
                || io.jenkins.plugins.gitops.engine.model.PathSafety.escapes(rel)) {
            throw new AbortException(stepName + ": local: '" + local + "' must be a relative path inside the workspace "
                    + "(absolute paths and '..' could read the controller's files)");
        }
        FilePath src = workspace.child(local);
        if (!src.isDirectory()) {
            throw new AbortException(stepName + ": local: '" + local + "' is not a directory in the workspace "
                    + workspace.getRemote());
        }
        Path parent = Files.createDirectories(GitOpsService.get().home().resolve("local"));
        Path dir = Files.createTempDirectory(parent, "ws");
        src.copyRecursiveTo(new FilePath(dir.toFile()));
        return new LocalCopy(dir);
    }

    Path path() {
        return dir;
    }

    static Path pathOf(LocalCopy copy) {
        return copy == null ? null : copy.dir;
    }

    @Override
    public void close() throws IOException {
        try {
            new FilePath(dir.toFile()).deleteRecursive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting " + dir, e);
        }
    }
}
