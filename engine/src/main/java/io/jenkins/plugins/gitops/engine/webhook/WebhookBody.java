package io.jenkins.plugins.gitops.engine.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a delivery's body without letting its size decide how much memory we spend: a declared
 * {@code Content-Length} over the limit is refused before a byte is read, and a body without one (chunked) is read
 * in small blocks and abandoned as soon as it passes the limit. So a 20 MB delivery costs at most the limit plus one
 * block, never the whole body, whatever the sender claims.
 */
public final class WebhookBody {

    private static final int BLOCK = 8192;

    private WebhookBody() {
    }

    /**
     * The body, or empty when it is larger than {@code maxBytes}.
     *
     * @param declaredLength the request's Content-Length, or a negative number when it has none
     */
    public static Optional<byte[]> read(InputStream in, long declaredLength, int maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            return Optional.empty();
        }
        int initial = declaredLength >= 0 ? (int) declaredLength : BLOCK;
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(initial, BLOCK * 8));
        byte[] block = new byte[BLOCK];
        long total = 0;
        for (int n = in.read(block); n >= 0; n = in.read(block)) {
            total += n;
            if (total > maxBytes) {
                return Optional.empty();
            }
            out.write(block, 0, n);
        }
        return Optional.of(out.toByteArray());
    }
}
