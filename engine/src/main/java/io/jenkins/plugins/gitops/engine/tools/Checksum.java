package io.jenkins.plugins.gitops.engine.tools;

import java.net.URI;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the expected SHA-256 of a download comes from: a literal digest (pinned by the project or typed by an
 * administrator), or a checksum file next to the download: a {@code checksums.txt} in {@code sha256sum} format
 * ({@code <hex>  <file name>} lines, as kustomize releases publish) or a {@code .sha256} file holding the bare digest
 * (as Maven repositories publish). A download is never accepted without one.
 */
public final class Checksum {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final String literal;
    private final URI file;
    private final String entry;

    private Checksum(String literal, URI file, String entry) {
        this.literal = literal;
        this.file = file;
        this.entry = entry;
    }

    /**
     * A literal SHA-256 in hex.
     *
     * @throws IllegalArgumentException when it is not 64 hex digits
     */
    public static Checksum sha256(String hex) {
        String h = hex == null ? "" : hex.strip();
        if (!HEX.matcher(h).matches()) {
            throw new IllegalArgumentException("a SHA-256 checksum is 64 hex digits, not '" + hex + "'");
        }
        return new Checksum(h.toLowerCase(Locale.ROOT), null, null);
    }

    /** The digest listed for {@code fileName} in the checksum file at {@code url} (a bare digest matches too). */
    public static Checksum listedIn(URI url, String fileName) {
        return new Checksum(null, url, fileName);
    }

    /** The checksum file's URL, or null for a literal. */
    public URI file() {
        return file;
    }

    /** The literal digest, or null when it comes from a file. */
    public String literal() {
        return literal;
    }

    /** The digest a checksum file's text gives for this entry. */
    String fromFileText(String text) {
        String bare = null;
        for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] parts = line.split("\\s+", 2);
            if (!HEX.matcher(parts[0]).matches()) {
                continue;
            }
            if (parts.length == 1) {
                bare = parts[0];
                continue;
            }
            String name = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
            if (name.equals(entry) || name.endsWith("/" + entry)) {
                return parts[0].toLowerCase(Locale.ROOT);
            }
        }
        if (bare != null) {
            return bare.toLowerCase(Locale.ROOT);
        }
        throw new ToolInstallException("the checksum file " + file + " lists no SHA-256 for " + entry);
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public String toString() {
        return literal != null ? "sha256:" + literal : "the SHA-256 in " + file;
    }
}
