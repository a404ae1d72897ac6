package io.jenkins.plugins.gitops.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link StateStore} as files: {@code <root>/<app>/<document>.json}. Writes go to a temporary file that is forced to
 * disk and then atomically renamed over the old one (and the directory synced), so a crash or a full disk leaves either
 * version intact; a failed write removes its temporary file. Names are checked so nothing escapes the root.
 */
public final class FileStateStore implements StateStore {

    private static final Pattern SAFE = Pattern.compile("[a-z0-9]([-a-z0-9._]*[a-z0-9])?");

    private final Path root;

    public FileStateStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<JsonNode> read(String app, String document) {
        Path f = file(app, document);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Yaml.JSON.readTree(f.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state file " + f + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String app, String document, JsonNode content) {
        Path f = file(app, document);
        Path tmp = null;
        try {
            Files.createDirectories(f.getParent());
            byte[] bytes = Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content);
            tmp = Files.createTempFile(f.getParent(), document, ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true); // the data is on disk before the rename makes it the current version
            }
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(f.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + f + " (the previous version is kept): "
                    + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp); // a full disk must not also leave half-written temporary files
                } catch (IOException ignored) {
                    // nothing more to do; the next write creates a new temporary file
                }
            }
        }
    }

    /** Makes the rename durable (POSIX needs an fsync of the directory); best effort where that is unsupported. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // e.g. Windows cannot open directories; the rename itself is still atomic
        }
    }

    @Override
    public List<String> apps() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list state directory " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String app) {
        Path dir = root.resolve(checked(app, "application"));
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete state of " + app + ": " + e.getMessage(), e);
        }
    }

    private Path file(String app, String document) {
        return root.resolve(checked(app, "application")).resolve(checked(document, "document") + ".json");
    }

    private static String checked(String name, String what) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + what + " name for the state store: '" + name + "'");
        }
        return name;
    }
}
