package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * The directories of materialised commits, {@code <root>/<repo key>/<sha>}, bounded by count with least-recently-used
 * eviction. A tree is created once: written to a temporary sibling directory, then renamed into place, so a reader
 * never sees a half-written tree; concurrent requests for the same tree wait for the one writer. Leased trees
 * ({@link RepositoryTree} not yet closed) are never evicted, so the bound may be exceeded while all trees are in use.
 * Trees found on disk at start-up are reused, oldest first in line for eviction.
 */
final class MaterializedTrees {

    /** Writes one commit's tree into an empty directory. */
    @FunctionalInterface
    interface TreeWriter {
        void write(Path emptyDir) throws IOException;
    }

    private static final String TEMP_PREFIX = ".tmp-";
    private static final String TRASH_PREFIX = ".trash-";

    private final Path root;
    private final int maxTrees;
    /** Access-ordered: iteration starts at the least recently used tree. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, CompletableFuture<Void>> creating = new HashMap<>();

    private static final class Entry {
        final Path dir;
        int leases;

        Entry(Path dir) {
            this.dir = dir;
        }
    }

    MaterializedTrees(Path root, int maxTrees) {
        if (maxTrees < 1) {
            throw new IllegalArgumentException("maximum number of materialised trees must be at least 1, not " + maxTrees);
        }
        this.root = root;
        this.maxTrees = maxTrees;
        try {
            Files.createDirectories(root);
            loadExisting();
        } catch (IOException e) {
            throw new GitSourceException("cannot prepare the tree cache " + root + ": " + e.getMessage());
        }
    }

    /** A lease on the tree of {@code sha} in repository {@code url}, written by {@code writer} when missing. */
    RepositoryTree acquire(RepoUrl url, String sha, TreeWriter writer) {
        String key = url.cacheKey() + "/" + sha;
        while (true) {
            CompletableFuture<Void> pending;
            boolean mine = false;
            synchronized (this) {
                Entry entry = entries.get(key);
                if (entry != null) {
                    entry.leases++;
                    return lease(url, sha, key, entry);
                }
                pending = creating.get(key);
                if (pending == null) {
                    pending = new CompletableFuture<>();
                    creating.put(key, pending);
                    mine = true;
                }
            }
            if (!mine) {
                awaitOther(pending);
                continue;
            }
            return create(url, sha, key, writer, pending);
        }
    }

    /** Number of trees currently kept. */
    synchronized int size() {
        return entries.size();
    }

    private RepositoryTree create(RepoUrl url, String sha, String key, TreeWriter writer, CompletableFuture<Void> pending) {
        Path dir = root.resolve(key);
        try {
            if (!Files.isDirectory(dir)) {
                writeAtomically(dir, writer);
            }
            List<Path> evicted;
            Entry entry = new Entry(dir);
            entry.leases = 1;
            synchronized (this) {
                entries.put(key, entry);
                creating.remove(key);
                evicted = evictLocked();
            }
            pending.complete(null);
            evicted.forEach(MaterializedTrees::deleteQuietly);
            return lease(url, sha, key, entry);
        } catch (IOException | RuntimeException e) {
            GitSourceException failure = e instanceof GitSourceException g ? g
                    : new GitSourceException("cannot write commit " + sha + " of " + url + " to " + dir + ": " + e.getMessage());
            synchronized (this) {
                creating.remove(key);
            }
            pending.completeExceptionally(failure);
            throw failure;
        }
    }

    private void writeAtomically(Path dir, TreeWriter writer) throws IOException {
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), TEMP_PREFIX);
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                return; // another process sharing the cache directory wrote the same commit first
            }
            FileTrees.lockDirectory(dir);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private RepositoryTree lease(RepoUrl url, String sha, String key, Entry entry) {
        return new RepositoryTree(url, sha, entry.dir, () -> release(key, entry));
    }

    private void release(String key, Entry entry) {
        List<Path> evicted;
        synchronized (this) {
            entry.leases--;
            evicted = entries.get(key) == entry ? evictLocked() : List.of();
        }
        evicted.forEach(MaterializedTrees::deleteQuietly);
    }

    /** Removes least recently used unleased trees beyond the bound; returns renamed directories to delete unlocked. */
    private List<Path> evictLocked() {
        List<Path> trash = new ArrayList<>();
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        int excess = entries.size() - maxTrees;
        while (excess > 0 && it.hasNext()) {
            Entry entry = it.next().getValue();
            if (entry.leases > 0) {
                continue;
            }
            it.remove();
            excess--;
            Path renamed = entry.dir.resolveSibling(TRASH_PREFIX + entry.dir.getFileName() + "-" + System.nanoTime());
            try {
                Files.move(entry.dir, renamed, StandardCopyOption.ATOMIC_MOVE);
                trash.add(renamed);
            } catch (IOException e) {
                trash.add(entry.dir); // still delete; nobody can find it through the index any more
            }
        }
        return trash;
    }

    private void loadExisting() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> repos = Files.list(root)) {
            for (Path repo : repos.filter(Files::isDirectory).toList()) {
                try (Stream<Path> trees = Files.list(repo)) {
                    for (Path tree : trees.toList()) {
                        String name = tree.getFileName().toString();
                        if (name.startsWith(TEMP_PREFIX) || name.startsWith(TRASH_PREFIX)) {
                            deleteQuietly(tree);
                        } else if (RevisionResolver.isFullSha(name) && Files.isDirectory(tree)) {
                            found.add(tree);
                        }
                    }
                }
            }
        }
        found.sort(Comparator.comparing(MaterializedTrees::modified));
        for (Path tree : found) {
            entries.put(root.relativize(tree).toString().replace('\\', '/'), new Entry(tree));
        }
        evictLocked().forEach(MaterializedTrees::deleteQuietly);
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void awaitOther(CompletableFuture<Void> pending) {
        try {
            pending.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof GitSourceException g ? new GitSourceException(g.getMessage())
                    : new GitSourceException(String.valueOf(e.getCause()));
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            FileTrees.deleteRecursively(path);
        } catch (IOException e) {
            // a leftover is removed at the next start-up (temporary and trash names are swept)
        }
    }
}
