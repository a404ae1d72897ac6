package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.notify.NotificationConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's notification configuration, as Argo CD keeps it: {@code argocd-notifications-cm.yaml} (a
 * ConfigMap, or its bare {@code data}) in the {@code --apps} directory, or the file {@code --notifications} names.
 * {@code $key} secrets come from {@code argocd-notifications-secret.yaml} beside it ({@code stringData} or base64
 * {@code data}) and otherwise from the environment: {@code $slack-token} reads {@code SLACK_TOKEN} (upper case, every
 * other character than a letter or digit becomes {@code _}). Any error stops the controller before it starts,
 * naming the file and field.
 */
final class NotificationsFile {

    static final String CONFIG = "argocd-notifications-cm";
    static final String SECRET = "argocd-notifications-secret";

    private NotificationsFile() {}

    /** True for the two files ArgoFiles must not read as Argo CD applications. */
    static boolean isNotificationsFile(Path p) {
        String name = p.getFileName().toString();
        return name.equals(CONFIG + ".yaml") || name.equals(CONFIG + ".yml") || name.equals(SECRET + ".yaml")
                || name.equals(SECRET + ".yml");
    }

    static Optional<NotificationConfig> load(Path appsDir, Path explicit, Map<String, String> env) {
        Path file = explicit != null ? explicit : find(appsDir, CONFIG);
        if (file == null) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--notifications " + file + ": no such file");
        }
        Map<String, String> secrets = secrets(find(file.getParent(), SECRET));
        String text = read(file);
        return Optional.of(NotificationConfig.parse(NotificationConfig.readData(text, file.toString()), key -> {
            String v = secrets.get(key);
            return v != null ? v : env.get(envName(key));
        }, file.toString()));
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static Path find(Path dir, String base) {
        if (dir == null) {
            return null;
        }
        for (String ext : new String[] {".yaml", ".yml"}) {
            Path p = dir.resolve(base + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Map<String, String> secrets(Path file) {
        Map<String, String> out = new HashMap<>();
        if (file == null) {
            return out;
        }
        JsonNode root;
        try {
            root = Yaml.YAML.readTree(read(file));
        } catch (IOException e) {
            throw new ValidationException(file.toString(), "", "not YAML: " + e.getMessage());
        }
        if (root == null) {
            return out;
        }
        root.path("data").fields().forEachRemaining(e -> {
            try {
                out.put(e.getKey(), new String(Base64.getMimeDecoder().decode(e.getValue().asText()),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException bad) {
                throw new ValidationException(file.toString(), "data." + e.getKey(), "is not base64");
            }
        });
        root.path("stringData").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
