package io.jenkins.plugins.gitops.engine.source.helm;

import io.jenkins.plugins.gitops.engine.tools.TarGzArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Downloaded charts on disk, by the SHA-256 digest of their {@code .tgz}: {@code charts/<digest>.tgz}, the unpacked
 * tree {@code trees/<digest>/} (read-only by convention, shared by every render of that chart), and {@code pins/}
 * remembering which digest a (repository, chart, version) was, so a pinned version renders without asking the
 * repository again (a published chart version never changes, as Argo CD also assumes). Writes go to a temporary
 * name and are moved into place, so concurrent callers and crashes never leave a half-written entry visible.
 */
final class ChartStore {

    static final long MAX_CHART_BYTES = 64L * 1024 * 1024;
    private static final long MAX_UNPACKED_BYTES = 256L * 1024 * 1024;

    private final Path root;

    ChartStore(Path root) {
        this.root = root;
    }

    /** The cached archive with this digest, if present. */
    Optional<Path> archive(String digest) {
        Path p = root.resolve("charts").resolve(digest + ".tgz");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Stores {@code bytes} under their digest; when {@code expectedDigest} is not empty they must match it.
     *
     * @return the digest (hex)
     */
    String put(byte[] bytes, String expectedDigest, String what) {
        String digest = sha256(bytes);
        if (!expectedDigest.isEmpty() && !expectedDigest.equalsIgnoreCase(digest)) {
            throw new HelmRepositoryException(what + ": the downloaded chart's digest sha256:" + digest
                    + " does not match the published sha256:" + expectedDigest);
        }
        Path target = root.resolve("charts").resolve(digest + ".tgz");
        if (!Files.isRegularFile(target)) {
            try {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), digest, ".part");
                Files.write(tmp, bytes);
                move(tmp, target);
            } catch (IOException e) {
                throw new HelmRepositoryException(what + ": cannot store the chart: " + e.getMessage());
            }
        }
        return digest;
    }

    /** The digest remembered for a pinned version, if any. */
    Optional<String> pinned(String repository, String chart, String version) {
        Path p = pinFile(repository, chart, version);
        try {
            if (Files.isRegularFile(p)) {
                String digest = Files.readString(p, StandardCharsets.US_ASCII).trim();
                return archive(digest).isPresent() ? Optional.of(digest) : Optional.empty();
            }
        } catch (IOException e) {
            // an unreadable pin is a cache miss
        }
        return Optional.empty();
    }

    void pin(String repository, String chart, String version, String digest) {
        Path p = pinFile(repository, chart, version);
        try {
            Files.createDirectories(p.getParent());
            Path tmp = Files.createTempFile(p.getParent(), "pin", ".part");
            Files.writeString(tmp, digest, StandardCharsets.US_ASCII);
            move(tmp, p);
        } catch (IOException e) {
            // the pin only saves a request next time
        }
    }

    /**
     * The unpacked chart of archive {@code digest}: the directory holding the chart (the archive's single top-level
     * directory). Unpacked once; entries leaving the directory, links and oversized archives are refused.
     */
    Path tree(String digest, String what) {
        Path dir = root.resolve("trees").resolve(digest);
        if (!Files.isDirectory(dir)) {
            Path tgz = archive(digest).orElseThrow(() -> new HelmRepositoryException(what + ": chart archive "
                    + digest + " is not in the cache"));
            try {
                Files.createDirectories(dir.getParent());
                Path tmp = Files.createTempDirectory(dir.getParent(), digest + ".part");
                unpack(tgz, tmp, what);
                try {
                    move(tmp, dir);
                } catch (IOException e) {
                    if (!Files.isDirectory(dir)) {
                        throw e;
                    }
                    delete(tmp); // another caller won the race; its tree is identical
                }
            } catch (IOException e) {
                throw new HelmRepositoryException(what + ": cannot unpack the chart: " + e.getMessage());
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"))).findFirst()
                    .orElseThrow(() -> new HelmRepositoryException(what + ": the archive holds no chart (no "
                            + "<name>/Chart.yaml)"));
        } catch (IOException e) {
            throw new HelmRepositoryException(what + ": cannot read the unpacked chart: " + e.getMessage());
        }
    }

    static void unpack(Path tgz, Path into, String what) throws IOException {
        long[] total = {0};
        TarGzArchive.read(tgz, (e, content) -> {
            String name = e.name();
            Path target = into.resolve(name).normalize();
            if (name.startsWith("/") || !target.startsWith(into)) {
                throw new HelmRepositoryException(what + ": the chart archive has an entry leaving the chart: "
                        + name);
            }
            if (e.isDirectory()) {
                Files.createDirectories(target);
            } else if (e.isFile()) {
                total[0] += e.size();
                if (total[0] > MAX_UNPACKED_BYTES) {
                    throw new HelmRepositoryException(what + ": the chart unpacks to more than "
                            + MAX_UNPACKED_BYTES / (1024 * 1024) + " MiB");
                }
                Files.createDirectories(target.getParent());
                Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
            }
            // links and devices are skipped: Helm itself ignores them when loading a chart archive
        });
    }

    private Path pinFile(String repository, String chart, String version) {
        return root.resolve("pins").resolve(sha256((repository + "\n" + chart + "\n" + version)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
