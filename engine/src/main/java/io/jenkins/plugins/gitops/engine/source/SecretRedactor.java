package io.jenkins.plugins.gitops.engine.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is thrown or logged: the user-info of every URL ({@code
 * https://user:token@host} becomes {@code https://***@host}) and every known secret value, also in its URL-encoded and
 * HTTP-basic forms. JGit puts URLs (and so user-info) into its exception messages; everything this package throws goes
 * through here first.
 *
 * <p>Secret values shorter than {@value #MIN_SECRET_LENGTH} characters are not replaced verbatim (replacing every
 * "p" of a message would destroy it); they are still removed wherever they appear as URL user-info.
 */
public final class SecretRedactor {

    /** What replaces a secret. */
    public static final String MASK = "***";

    /** Shortest secret value replaced wherever it occurs. */
    public static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern URL_USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s?#]+@");

    private final List<String> secrets;

    private SecretRedactor(Collection<String> values) {
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank() || value.length() < MIN_SECRET_LENGTH) {
                continue;
            }
            forms.add(value);
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            forms.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leftovers
        this.secrets = List.copyOf(sorted);
    }

    /** A redactor for URL user-info plus these secret values (nulls and blanks ignored). */
    public static SecretRedactor of(Collection<String> secretValues) {
        return new SecretRedactor(secretValues);
    }

    /** A redactor for URL user-info plus the secrets held by these credentials. */
    public static SecretRedactor of(RepoCredentials credentials) {
        return new SecretRedactor(credentials.secretValues());
    }

    /** Only URL user-info is removed. */
    public static SecretRedactor urlsOnly() {
        return new SecretRedactor(List.of());
    }

    /** {@code text} with URL user-info and every secret replaced by {@value #MASK}; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /**
     * The messages of {@code error} and its causes joined with {@code ": "} (repeated messages once), redacted. The
     * exception class is named when a message is missing.
     */
    public String describe(Throwable error) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = error; t != null && parts.size() < 8; t = t.getCause()) {
            String message = t.getMessage();
            parts.add(message == null || message.isBlank() ? t.getClass().getSimpleName() : message.trim());
        }
        return redact(String.join(": ", parts));
    }

    /** A {@link GitSourceException} whose message is {@code context + ": " + describe(error)}, all redacted. */
    public GitSourceException failure(String context, Throwable error) {
        return new GitSourceException(redact(context) + ": " + describe(error));
    }
}
