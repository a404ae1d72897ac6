package io.jenkins.plugins.gitops.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log line, an exception message or a page.
 *
 * <p>Two layers: well-known shapes ({@code Authorization: Bearer ...}, {@code token=...}) are masked by pattern, and
 * every literal registered with this redactor (a connection's bearer token, client key, password; the values of a
 * Secret being applied, plain and base64) is masked wherever it appears. Values shorter than
 * {@value #MIN_SECRET_LENGTH} characters are not registered: masking every "a" or "1" would destroy messages while
 * protecting nothing.
 */
public final class SecretRedactor {

    /** What replaces a secret. */
    public static final String MASK = "***";

    static final int MIN_SECRET_LENGTH = 4;

    /** Secret shapes that are masked even when the literal is unknown. Mirrors what kubectl hides in -v logs. */
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("(?i)(authorization:?\\s*(bearer|basic)\\s+)[^\\s\"',}]+"),
            Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("(?i)((?:token|password|client-key-data|client-key)\"?\\s*[=:]\\s*\"?)[^\\s\"',}&]+"));

    /** A redactor that only knows the shapes. */
    public static final SecretRedactor SHAPES_ONLY = new SecretRedactor(List.of());

    private final Set<String> literals;

    private SecretRedactor(Collection<String> literals) {
        this.literals = Set.copyOf(literals);
    }

    /** A redactor masking the given literals (null and short values are ignored) plus the known shapes. */
    public static SecretRedactor of(Collection<String> secrets) {
        Set<String> kept = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && s.strip().length() >= MIN_SECRET_LENGTH) {
                kept.add(s.strip());
            }
        }
        return new SecretRedactor(kept);
    }

    /** This redactor plus the values of {@code object} when it is a Secret (data is base64, stringData is plain). */
    public SecretRedactor with(KubeObject object) {
        if (object == null || !"Secret".equals(object.kind()) || !object.group().isEmpty()) {
            return this;
        }
        Set<String> more = new LinkedHashSet<>(literals);
        collect(object.node().get("data"), true, more);
        collect(object.node().get("stringData"), false, more);
        return of(more);
    }

    private static void collect(JsonNode map, boolean base64, Set<String> out) {
        if (map == null || !map.isObject()) {
            return;
        }
        map.fields().forEachRemaining(e -> {
            String v = e.getValue().asText();
            out.add(v);
            if (base64) {
                decode(v, out);
            } else {
                out.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
            }
        });
    }

    private static void decode(String v, Set<String> out) {
        try {
            out.add(new String(Base64.getDecoder().decode(v.strip()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            // the API server will reject it; the raw value is already registered
        }
    }

    /** The text with every known secret and secret shape replaced by {@link #MASK}; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : literals) {
            out = out.replace(secret, MASK);
        }
        for (Pattern shape : SHAPES) {
            out = shape.matcher(out).replaceAll("$1" + MASK);
        }
        return out;
    }
}
