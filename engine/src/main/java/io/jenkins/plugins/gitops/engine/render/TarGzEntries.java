package io.jenkins.plugins.gitops.engine.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads selected regular files out of a packaged chart ({@code .tgz}: gzip-compressed ustar, with GNU long names or
 * PAX {@code path} records as Go's archive/tar writes them). Only used to find a packaged subchart's
 * {@code Chart.yaml} and {@code crds/}, which the embedded Helm does not emit.
 */
final class TarGzEntries {

    private static final int BLOCK = 512;
    private static final long MAX_ENTRY = 16L * 1024 * 1024;

    private TarGzEntries() {}

    /** Entry name to content, for the regular files whose names {@code wanted} accepts. */
    static Map<String, String> read(Path tgz, Predicate<String> wanted) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            String longName = null;
            byte[] header = new byte[BLOCK];
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                String octal = field(header, 124, 12).trim();
                long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
                char type = (char) header[156];
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                boolean regular = type == '0' || type == 0;
                boolean keep = type == 'L' || type == 'x' || regular && wanted.test(name);
                if (keep && size > MAX_ENTRY) {
                    throw new IOException(name + " in " + tgz.getFileName() + " is too large");
                }
                byte[] data = keep ? in.readNBytes((int) size) : null;
                if (!keep) {
                    skip(in, size);
                }
                skip(in, (BLOCK - size % BLOCK) % BLOCK);
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                } else if (type == 'x') {
                    longName = paxPath(new String(data, StandardCharsets.UTF_8));
                } else if (keep) {
                    out.put(name, new String(data, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static String paxPath(String records) {
        for (String rec : records.split("\n")) {
            int sp = rec.indexOf(' ');
            String kv = sp < 0 ? rec : rec.substring(sp + 1);
            if (kv.startsWith("path=")) {
                return kv.substring(5);
            }
        }
        return null;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
        int n = in.readNBytes(buf, 0, buf.length);
        return n == buf.length;
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }
}
