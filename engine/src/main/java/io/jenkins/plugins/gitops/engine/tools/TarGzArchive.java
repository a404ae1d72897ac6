package io.jenkins.plugins.gitops.engine.tools;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The engine's one reader of gzip-compressed tar archives - tool release archives, Helm chart archives - as they are
 * written (ustar, with GNU long names or PAX {@code path} records as Go's archive/tar writes them). Streaming: each
 * entry's content is handed to a {@link Visitor} as a stream limited to that entry, so a binary of any size is never
 * held in memory. (A library such as commons-compress would add ~2.4 MB with its dependencies to the Jenkins plugin,
 * and an older copy of its commons-io dependency is what Jenkins core puts first on the class path; this is all the
 * engine's archives need.)
 */
public final class TarGzArchive {

    private static final int BLOCK = 512;
    private static final int MAX_HEADER_RECORD = 1 << 20;

    /**
     * One entry of the archive.
     *
     * @param type the tar type flag: {@code '0'} (or NUL, {@code '7'}) a regular file, {@code '5'} a directory,
     *     anything else a link, device or extension the engine skips
     */
    public record Entry(String name, char type, long size, long mode) {
        public boolean isDirectory() {
            return type == '5' || isRegularType() && name.endsWith("/");
        }

        public boolean isFile() {
            return isRegularType() && !name.endsWith("/");
        }

        public boolean isExecutable() {
            return (mode & 0111) != 0;
        }

        private boolean isRegularType() {
            return type == '0' || type == 0 || type == '7';
        }
    }

    /** Receives each entry with its content; what it does not read is skipped. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Entry entry, InputStream content) throws IOException;
    }

    private TarGzArchive() {}

    /** Hands every entry of {@code archive} to {@code visitor}, in archive order. */
    public static void read(Path archive, Visitor visitor) throws IOException {
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
                    int kept = (int) Math.min(size, MAX_HEADER_RECORD);
                    String text = new String(in.readNBytes(kept), StandardCharsets.UTF_8);
                    in.skipNBytes(size - kept + padding);
                    longName = type == 'L' ? text.replace("\0", "") : paxPath(text);
                    continue;
                }
                if (type == 'g') {
                    in.skipNBytes(size + padding);
                    continue;
                }
                Limited content = new Limited(in, size);
                visitor.visit(new Entry(name, type, size, mode), content);
                in.skipNBytes(content.left + padding);
            }
        }
    }

    /**
     * Unpacks directories and regular files into {@code into}, keeping the executable bit; links, devices and entries
     * whose names would leave the directory are skipped (a release archive).
     */
    public static void extract(Path archive, Path into) throws IOException {
        read(archive, (entry, content) -> {
            Path target = inside(into, entry.name());
            if (target == null) {
                return;
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else if (entry.isFile()) {
                Files.createDirectories(target.getParent());
                long copied = Files.copy(content, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                if (copied != entry.size()) {
                    throw new IOException("the archive ends inside " + entry.name());
                }
                if (entry.isExecutable()) {
                    target.toFile().setExecutable(true, false);
                }
            }
        });
    }

    /** Where an entry goes, or null when its name would leave the directory. */
    public static Path inside(Path dir, String name) {
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

    /** One entry's content: at most {@code left} bytes of the archive stream, which it never closes. */
    private static final class Limited extends InputStream {
        private final InputStream in;
        private long left;

        Limited(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }
}
