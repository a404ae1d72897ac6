package io.jenkins.plugins.gitops.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link StateStore} as files: {@code <root>/<app>/<document>.json}. Writes go to a temporary file that is then
 * moved over the old one, so a crash leaves either version intact. Names are checked so nothing escapes the root.
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
        try {
            Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(f.getParent(), document, ".tmp");
            Files.write(tmp, Yaml.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + f + ": " + e.getMessage(), e);
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
