package io.jenkins.plugins.gitops.engine.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * Fetches one file over {@code http(s)} (following redirects, as release downloads need) or from a {@code file:} URL,
 * computing its SHA-256 while writing it, and refuses it unless the digest matches the {@link Checksum}. The file is
 * written next to its destination and moved there only once verified, so a failed or refused download leaves nothing
 * behind. Proxies come from the JVM's default {@link java.net.ProxySelector}.
 */
public final class Download {

    /** Largest download accepted (a kustomize archive is ~20 MB, helm-java's native jar ~30 MB). */
    static final long MAX_BYTES = 512L * 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http;

    public Download() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(CONNECT_TIMEOUT)
                .build());
    }

    Download(HttpClient http) {
        this.http = http;
    }

    /**
     * Downloads {@code url} to {@code destination} (replacing it) after checking it against {@code checksum}.
     *
     * @param tool how messages name what is downloaded, e.g. {@code "kustomize 5.7.1"}
     * @return the verified SHA-256 in hex
     * @throws ToolInstallException naming the tool and URL: unreachable, an HTTP error, too large, or a mismatch
     */
    public String fetch(String tool, URI url, Checksum checksum, Path destination) {
        String expected = expected(tool, checksum);
        Path partial = destination.resolveSibling(destination.getFileName() + ".download");
        try {
            Files.createDirectories(destination.toAbsolutePath().getParent());
            MessageDigest sha = sha256();
            try (InputStream in = open(tool, url);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha)) {
                copy(tool, url, in, out);
            }
            String actual = Checksum.hex(sha.digest());
            if (!actual.equals(expected)) {
                throw new ToolInstallException(tool + ": checksum mismatch for " + url + ": expected SHA-256 "
                        + expected + " (" + (checksum.literal() != null ? "configured" : "from " + checksum.file())
                        + "), got " + actual + "; refusing to install it");
            }
            Files.move(partial, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return actual;
        } catch (IOException e) {
            throw new ToolInstallException(tool + ": cannot download " + url + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the next run overwrites it
            }
        }
    }

    /** The SHA-256 of a file on disk, in hex. */
    public static String sha256(Path file) {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new ToolInstallException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Checksum.hex(sha.digest());
    }

    private String expected(String tool, Checksum checksum) {
        if (checksum.literal() != null) {
            return checksum.literal();
        }
        try (InputStream in = open(tool + " checksum file", checksum.file())) {
            byte[] text = in.readNBytes(1024 * 1024);
            return checksum.fromFileText(new String(text, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ToolInstallException(tool + ": cannot download the checksum file " + checksum.file() + ": " + e,
                    e);
        }
    }

    private InputStream open(String tool, URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("file")) {
            return Files.newInputStream(Path.of(url));
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ToolInstallException(tool + ": unsupported URL " + url + " (use http, https or file)");
        }
        HttpResponse<InputStream> r;
        try {
            r = http.send(HttpRequest.newBuilder(url).timeout(HEADERS_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolInstallException(tool + ": interrupted while downloading " + url, e);
        }
        if (r.statusCode() != 200) {
            r.body().close();
            throw new ToolInstallException(tool + ": " + url + " answered HTTP " + r.statusCode());
        }
        return r.body();
    }

    private static void copy(String tool, URI url, InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > MAX_BYTES) {
                throw new ToolInstallException(tool + ": " + url + " is larger than " + MAX_BYTES / (1024 * 1024)
                        + " MiB; refusing it");
            }
            out.write(buf, 0, n);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
