package io.jenkins.plugins.gitops.engine.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the tree of one commit into an empty directory, straight from the object database (no index, no shared
 * working copy), then makes it read-only. Regular and executable files keep their mode; submodules become empty
 * directories (Argo CD does not check them out by default); symbolic links are recreated only when they stay inside
 * the tree ({@link SymlinkGuard}), otherwise the whole tree is refused with an error naming the link.
 */
final class TreeMaterializer {

    /** Path segments no checkout may contain (git refuses them too). */
    private static final List<String> FORBIDDEN_SEGMENTS = List.of("", ".", "..", ".git");

    private final CommitReader commits;
    private final RepoUrl url;

    TreeMaterializer(CommitReader commits, RepoUrl url) {
        this.commits = commits;
        this.url = url;
    }

    /** Writes commit {@code sha} into {@code target} (an existing empty directory); all but {@code target} end read-only. */
    void write(String sha, Path target) throws IOException {
        SymlinkGuard guard = new SymlinkGuard(target);
        Map<String, String> links = new LinkedHashMap<>();
        try (ObjectReader reader = commits.newReader(); RevWalk walk = new RevWalk(reader);
                TreeWalk tree = new TreeWalk(reader)) {
            RevCommit commit = commits.parse(walk, sha);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                String path = tree.getPathString();
                checkSegments(path, sha);
                Path file = target.resolve(path);
                Files.createDirectories(file.getParent());
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.SYMLINK) {
                    links.put(path, new String(reader.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                } else if (mode == FileMode.GITLINK) {
                    Files.createDirectories(file);
                } else {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        reader.open(tree.getObjectId(0)).copyTo(out);
                    }
                    FileTrees.lockFile(file, mode == FileMode.EXECUTABLE_FILE);
                }
            }
        }
        createLinks(guard, target, links, sha);
        lockDirectories(target);
    }

    private void createLinks(SymlinkGuard guard, Path target, Map<String, String> links, String sha) throws IOException {
        for (Map.Entry<String, String> link : links.entrySet()) {
            if (!guard.staysInside(link.getKey(), link.getValue())) {
                throw outOfBounds(link.getKey(), link.getValue(), sha);
            }
            Files.createSymbolicLink(target.resolve(link.getKey()), Paths.get(link.getValue()));
        }
        for (Map.Entry<String, String> link : links.entrySet()) {
            if (!guard.resolvesInside(link.getKey())) {
                throw outOfBounds(link.getKey(), link.getValue(), sha);
            }
        }
    }

    private GitSourceException outOfBounds(String path, String linkTarget, String sha) {
        return new GitSourceException("repository " + url + " at " + sha + " contains a symbolic link pointing outside"
                + " the repository: " + path + " -> " + linkTarget);
    }

    private void checkSegments(String path, String sha) {
        for (String segment : path.split("/", -1)) {
            if (FORBIDDEN_SEGMENTS.contains(segment.toLowerCase(Locale.ROOT))) {
                throw new GitSourceException("repository " + url + " at " + sha + " contains the unsafe path '" + path + "'");
            }
        }
    }

    /** Read-only sub-directories, deepest first; the caller locks {@code target} itself after moving it into place. */
    private static void lockDirectories(Path target) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(target)) {
            walk.filter(p -> !p.equals(target) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(dirs::add);
        }
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path dir : dirs) {
            FileTrees.lockDirectory(dir);
        }
    }
}
