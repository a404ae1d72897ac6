package io.jenkins.plugins.gitops.engine.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Git repository URL as the user wrote it, with the two derived forms the cache needs: the Argo CD normalised form
 * (for "same repository" comparisons and the cache key) and a redacted form for messages.
 *
 * <p>Normalisation mirrors Argo CD's {@code NormalizeGitURL}: trimmed, lower-cased, scp-like SSH ({@code
 * git@host:org/repo}) turned into {@code git@host/org/repo}, {@code ssh://} and a trailing {@code .git} removed. On top
 * of that a trailing slash and secrets in the user-info are dropped, so credentials never influence or leak through
 * the key: HTTP(S) URLs lose their whole user-info (a token may sit in the username), SSH URLs keep only the user.
 */
public record RepoUrl(String value) {

    private static final Pattern SCP_LIKE_SSH = Pattern.compile("^(ssh://)?([^/:]*?)@[^@]+$");

    public RepoUrl {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("repository URL must not be empty");
        }
        value = value.trim();
    }

    public static RepoUrl of(String url) {
        return new RepoUrl(url);
    }

    /**
     * The normalised form: {@code https://GitHub.com/Org/Repo.git} becomes {@code https://github.com/org/repo}, {@code
     * git@github.com:org/repo.git} becomes {@code git@github.com/org/repo}.
     */
    public String normalized() {
        String repo = value.toLowerCase(Locale.ROOT);
        if (SCP_LIKE_SSH.matcher(repo).matches() && !repo.startsWith("ssh://")) {
            repo = "ssh://" + repo.replaceFirst(":", "/");
        }
        repo = withoutSecrets(repo);
        while (repo.endsWith("/")) {
            repo = repo.substring(0, repo.length() - 1);
        }
        if (repo.endsWith(".git")) {
            repo = repo.substring(0, repo.length() - 4);
        }
        return repo.startsWith("ssh://") ? repo.substring("ssh://".length()) : repo;
    }

    /**
     * True when the URL names a repository on this machine's disk rather than a server: a {@code file:} URL, or a path
     * (absolute, relative, {@code ~}, a Windows drive) that Git would open directly. Remote forms are
     * {@code scheme://...} other than {@code file://} and scp-like SSH ({@code [user@]host:path}).
     */
    public boolean isLocal() {
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            return true;
        }
        int scheme = v.indexOf("://");
        if (scheme > 0 && v.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return false;
        }
        if (v.startsWith("/") || v.startsWith(".") || v.startsWith("~") || v.startsWith("\\")
                || v.matches("^[A-Za-z]:([\\\\/].*)?$")) {
            return true;
        }
        int colon = v.indexOf(':');
        int slash = v.indexOf('/');
        boolean scpLike = colon > 0 && (slash < 0 || colon < slash);
        return !scpLike;
    }

    /** True when both URLs name the same repository (Argo CD's {@code SameURL}). */
    public boolean sameRepository(RepoUrl other) {
        return normalized().equals(other.normalized());
    }

    /** A directory-safe key: the first 40 hex digits of the SHA-256 of {@link #normalized()}. */
    public String cacheKey() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalized().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The URL with any user-info masked, safe for messages. */
    public String redacted() {
        return SecretRedactor.urlsOnly().redact(value);
    }

    /** Redacted, so a URL with embedded credentials never leaks through string concatenation. */
    @Override
    public String toString() {
        return redacted();
    }

    private static String withoutSecrets(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = url.indexOf('@', start);
        int slash = url.indexOf('/', start);
        if (at < 0 || (slash >= 0 && slash < at)) {
            return url;
        }
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return url.substring(0, start) + url.substring(at + 1);
        }
        int colon = url.indexOf(':', start);
        return colon >= 0 && colon < at ? url.substring(0, colon) + url.substring(at) : url;
    }
}
