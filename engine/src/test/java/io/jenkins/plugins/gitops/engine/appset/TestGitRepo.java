package io.jenkins.plugins.gitops.engine.appset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A real Git repository in a temporary directory, made with JGit, and a {@link RepositoryFiles} that reads trees at
 * a resolved revision (not the working directory), as the engine's Git layer will.
 */
final class TestGitRepo implements RepositoryFiles, AutoCloseable {

    static final String URL = "https://git.example.com/org/config.git";

    private final Git git;

    private TestGitRepo(Git git) {
        this.git = git;
    }

    static TestGitRepo init(Path dir) {
        try {
            return new TestGitRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the files (path to content) and commits them; returns the commit id. */
    String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = git.getRepository().getWorkTree().toPath().resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            git.add().addFilepattern(".").call();
            RevCommit c = git.commit().setMessage(message).setAuthor("test", "test@example.com")
                    .setCommitter("test", "test@example.com").call();
            return c.getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> allFiles(String repoURL, String revision) {
        if (!URL.equals(repoURL)) {
            throw new IllegalArgumentException("unknown repository " + repoURL);
        }
        Repository repo = git.getRepository();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            ObjectId id = repo.resolve(revision);
            if (id == null) {
                throw new IllegalArgumentException("unknown revision " + revision);
            }
            tree.addTree(walk.parseCommit(id).getTree());
            tree.setRecursive(true);
            List<String> out = new ArrayList<>();
            while (tree.next()) {
                out.add(tree.getPathString());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> directories(String repoURL, String revision) {
        TreeSet<String> dirs = new TreeSet<>();
        for (String f : allFiles(repoURL, revision)) {
            String[] parts = f.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length - 1 && !parts[i].startsWith("."); i++) {
                prefix.append(i == 0 ? "" : "/").append(parts[i]);
                dirs.add(prefix.toString());
            }
        }
        return List.copyOf(dirs);
    }

    @Override
    public List<String> files(String repoURL, String revision, String glob) {
        return allFiles(repoURL, revision).stream().filter(f -> RepositoryFiles.matches(glob, f)).sorted().toList();
    }

    @Override
    public byte[] read(String repoURL, String revision, String path) {
        Repository repo = git.getRepository();
        try (RevWalk walk = new RevWalk(repo)) {
            TreeWalk tw = TreeWalk.forPath(repo, path, walk.parseCommit(repo.resolve(revision)).getTree());
            if (tw == null) {
                throw new IllegalArgumentException("no file " + path + " at " + revision);
            }
            try (tw) {
                return repo.open(tw.getObjectId(0)).getBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        git.close();
    }
}
