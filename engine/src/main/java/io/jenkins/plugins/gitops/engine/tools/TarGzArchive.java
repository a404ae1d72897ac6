package io.jenkins.plugins.gitops.engine.tools;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a gzip-compressed tar archive as release archives are written (ustar, with GNU long names or PAX
 * {@code path} records as Go's archive/tar writes them): directories and regular files, keeping the executable bit;
 * links, devices and entries whose names would leave the target directory are skipped. Streaming, so a binary of any
 * size is never held in memory. (A library would add ~2.4 MB to the plugin and an older copy of its commons-io
 * dependency is what Jenkins core puts first on the class path; this is all a release archive needs.)
 */
final class TarGzArchive {

    private static final int BLOCK = 512;

    private TarGzArchive() {}

    static void extract(Path archive, Path into) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 65536)) {
            String longName = null;
            byte[] header = new byte[BLOCK];
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && !isZero(header)) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty() && posixUstar(header)) {
                    name = prefix + "/" + name;
                }
                long size = octal(field(header, 124, 12));
                long mode = octal(field(header, 100, 8));
                char type = (char) header[156];
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                long padding = (BLOCK - size % BLOCK) % BLOCK;
                if (type == 'L' || type == 'x') {
                    String text = new String(in.readNBytes((int) Math.min(size, 1 << 20)), StandardCharsets.UTF_8);
                    in.skipNBytes(size - Math.min(size, 1 << 20) + padding);
                    longName = type == 'L' ? text.replace("\0", "") : paxPath(text);
                    continue;
                }
                Path target = inside(into, name);
                if (target != null && type == '5') {
                    Files.createDirectories(target);
                } else if (target != null && (type == '0' || type == 0)) {
                    Files.createDirectories(target.getParent());
                    try (var out = Files.newOutputStream(target)) {
                        long left = size;
                        byte[] buf = new byte[65536];
                        while (left > 0) {
                            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                            if (n < 0) {
                                throw new IOException("the archive ends inside " + name);
                            }
                            out.write(buf, 0, n);
                            left -= n;
                        }
                    }
                    if ((mode & 0111) != 0) {
                        target.toFile().setExecutable(true, false);
                    }
                    in.skipNBytes(padding);
                    continue;
                }
                in.skipNBytes(size + padding);
            }
        }
    }

    /** Where an entry goes, or null when its name would leave the directory. */
    static Path inside(Path dir, String name) {
        Path target = dir.resolve(name).normalize();
        return target.startsWith(dir) && !target.equals(dir) ? target : null;
    }

    /** POSIX ustar ({@code "ustar\0"}) has a name prefix at 345; GNU tar's {@code "ustar "} uses it for times. */
    private static boolean posixUstar(byte[] h) {
        return h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r' && h[262] == 0;
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

    private static long octal(String text) {
        String t = text.trim();
        return t.isEmpty() ? 0 : Long.parseLong(t, 8);
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
}
