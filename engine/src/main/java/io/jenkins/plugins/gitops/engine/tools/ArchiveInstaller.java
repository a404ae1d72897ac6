package io.jenkins.plugins.gitops.engine.tools;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Installs a tool from a release archive into a directory: downloads it (checksum first, see {@link Download}),
 * unpacks a {@code .tar.gz} or {@code .zip} (told apart by their first bytes) into a staging directory, finds the
 * binary in it, marks it executable, and only then replaces the install directory. A marker file records the URL and
 * digest installed, so the next call with the same URL reuses the install without downloading; a different URL (a new
 * version) installs again. Entries that would land outside the directory, links and devices are skipped.
 */
public final class ArchiveInstaller {

    static final String MARKER = ".gitops-installed";

    private final Download download;

    public ArchiveInstaller(Download download) {
        this.download = download;
    }

    public ArchiveInstaller() {
        this(new Download());
    }

    /**
     * The binary named {@code binaryName} from the archive at {@code url}, installed under {@code installDir}.
     *
     * @param tool how messages name the tool, e.g. {@code "kustomize 5.7.1"}
     * @throws ToolInstallException naming the tool: download, checksum, unpacking, or no such binary in the archive
     */
    public Path install(String tool, URI url, Checksum checksum, Path installDir, String binaryName) {
        synchronized (LOCK) {
            return installLocked(tool, url, checksum, installDir, binaryName);
        }
    }

    /** One install at a time in this JVM: two renders needing the same tool must not unpack into one directory. */
    private static final Object LOCK = new Object();

    private Path installLocked(String tool, URI url, Checksum checksum, Path installDir, String binaryName) {
        Path existing = installed(url, checksum, installDir, binaryName);
        if (existing != null) {
            return existing;
        }
        Path parent = installDir.toAbsolutePath().getParent();
        Path archive = parent.resolve(installDir.getFileName() + ".archive");
        Path staging = parent.resolve(installDir.getFileName() + ".staging");
        try {
            deleteTree(staging);
            String digest = download.fetch(tool, url, checksum, archive);
            Files.createDirectories(staging);
            unpack(tool, url, archive, staging);
            Path binary = find(staging, binaryName);
            if (binary == null) {
                throw new ToolInstallException(tool + ": the archive " + url + " has no file named " + binaryName);
            }
            binary.toFile().setExecutable(true, false);
            Files.writeString(staging.resolve(MARKER), url + "\n" + digest + "\n" + staging.relativize(binary)
                    .toString().replace('\\', '/') + "\n", StandardCharsets.UTF_8);
            deleteTree(installDir);
            Files.move(staging, installDir, StandardCopyOption.ATOMIC_MOVE);
            return installDir.resolve(staging.relativize(binary).toString());
        } catch (IOException e) {
            throw new ToolInstallException(tool + ": cannot install into " + installDir + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(archive);
                deleteTree(staging);
            } catch (IOException ignored) {
                // leftovers are replaced by the next install
            }
        }
    }

    /** The binary of an earlier install of the same URL (and digest, when it is literal), or null. */
    public static Path installed(URI url, Checksum checksum, Path installDir, String binaryName) {
        Path marker = installDir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (lines.size() < 3 || !lines.get(0).equals(url.toString())
                    || checksum.literal() != null && !checksum.literal().equals(lines.get(1))) {
                return null;
            }
            Path binary = installDir.resolve(lines.get(2));
            return binary.getFileName().toString().equals(binaryName) && Files.isRegularFile(binary) ? binary : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void unpack(String tool, URI url, Path archive, Path into) throws IOException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(archive)) {
            magic = in.readNBytes(4);
        }
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            TarGzArchive.extract(archive, into);
        } else if (magic.length >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            unzip(archive, into);
        } else {
            throw new ToolInstallException(tool + ": " + url + " is neither a .tar.gz nor a .zip archive");
        }
    }

    private static void unzip(Path archive, Path into) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                Path target = TarGzArchive.inside(into, e.getName());
                if (target == null) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }


    /** The shallowest regular file called {@code name}. */
    private static Path find(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().equals(name))
                    .min(Comparator.comparingInt(Path::getNameCount)).orElse(null);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
