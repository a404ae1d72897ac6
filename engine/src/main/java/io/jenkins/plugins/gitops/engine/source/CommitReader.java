package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Reads commits of a mirror without any checkout: metadata, single files, the list of files, and the paths that
 * differ between two commits. Every method opens its own reader, so calls may run concurrently.
 */
final class CommitReader {

    private final MirrorRepository mirror;

    CommitReader(MirrorRepository mirror) {
        this.mirror = mirror;
    }

    /** Metadata of commit {@code sha}; {@code ref} is recorded as the ref it was resolved through. */
    RevisionInfo info(String sha, String ref, RefTable refs) {
        try (RevWalk walk = new RevWalk(repository())) {
            RevCommit commit = parse(walk, sha);
            PersonIdent author = commit.getAuthorIdent();
            return new RevisionInfo(commit.getName(), ref, author.getName(), author.getEmailAddress(),
                    author.getWhenAsInstant(), commit.getFullMessage(), refs.tagsAt(commit.getName()));
        }
    }

    /** Content of the file at {@code path} in commit {@code sha}. */
    byte[] readFile(String sha, String path) {
        String clean = cleanPath(path);
        try (RevWalk walk = new RevWalk(repository())) {
            RevCommit commit = parse(walk, sha);
            try (TreeWalk tree = TreeWalk.forPath(walk.getObjectReader(), clean, commit.getTree())) {
                if (tree == null) {
                    throw new GitSourceException("file '" + clean + "' does not exist at commit " + sha + " of " + mirror.url());
                }
                FileMode mode = tree.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    throw new GitSourceException("'" + clean + "' at commit " + sha + " of " + mirror.url()
                            + " is not a regular file");
                }
                return walk.getObjectReader().open(tree.getObjectId(0)).getBytes();
            }
        } catch (IOException e) {
            throw SecretRedactor.urlsOnly().failure("cannot read '" + clean + "' at " + sha + " of " + mirror.url(), e);
        }
    }

    /** Paths of all files (and symbolic links) in commit {@code sha}, sorted. */
    List<String> listFiles(String sha) {
        try (RevWalk walk = new RevWalk(repository()); TreeWalk tree = new TreeWalk(walk.getObjectReader())) {
            tree.addTree(parse(walk, sha).getTree());
            tree.setRecursive(true);
            List<String> paths = new ArrayList<>();
            while (tree.next()) {
                if (tree.getFileMode(0) != FileMode.GITLINK) {
                    paths.add(tree.getPathString());
                }
            }
            return List.copyOf(new TreeSet<>(paths));
        } catch (IOException e) {
            throw SecretRedactor.urlsOnly().failure("cannot list files at " + sha + " of " + mirror.url(), e);
        }
    }

    /**
     * Paths added, removed or modified between two commits, sorted (like {@code git diff --name-only from..to}, no
     * rename detection: a rename lists both paths).
     */
    List<String> changedFiles(String fromSha, String toSha) {
        if (fromSha.equals(toSha)) {
            return List.of();
        }
        try (RevWalk walk = new RevWalk(repository()); TreeWalk tree = new TreeWalk(walk.getObjectReader())) {
            tree.addTree(parse(walk, fromSha).getTree());
            tree.addTree(parse(walk, toSha).getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            TreeSet<String> paths = new TreeSet<>();
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
            return List.copyOf(paths);
        } catch (IOException e) {
            throw SecretRedactor.urlsOnly().failure("cannot compare " + fromSha + " and " + toSha + " of " + mirror.url(), e);
        }
    }

    /** The commit with full SHA {@code sha}; a clear error when it is not a commit of this repository. */
    RevCommit parse(RevWalk walk, String sha) {
        if (!RevisionResolver.isFullSha(sha)) {
            throw new GitSourceException("'" + sha + "' is not a full commit SHA (resolve the revision first) in "
                    + mirror.url());
        }
        try {
            return walk.parseCommit(ObjectId.fromString(sha));
        } catch (IOException e) {
            throw new GitSourceException("commit " + sha + " not found in repository " + mirror.url()
                    + " (fetch first, or it was removed by a force push)");
        }
    }

    /** Fails with a clear error unless {@code sha} is a commit of this repository. */
    void requireCommit(String sha) {
        try (RevWalk walk = new RevWalk(repository())) {
            parse(walk, sha);
        }
    }

    ObjectReader newReader() {
        return repository().newObjectReader();
    }

    private Repository repository() {
        return mirror.repository();
    }

    private static String cleanPath(String path) {
        String clean = path == null ? "" : path.replace('\\', '/');
        while (clean.startsWith("./") || clean.startsWith("/")) {
            clean = clean.startsWith("/") ? clean.substring(1) : clean.substring(2);
        }
        if (clean.isEmpty() || List.of(clean.split("/")).contains("..")) {
            throw new IllegalArgumentException("invalid repository path '" + path + "'");
        }
        return clean;
    }
}
