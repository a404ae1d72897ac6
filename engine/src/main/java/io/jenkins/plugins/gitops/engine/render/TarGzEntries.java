package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.tools.TarGzArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads selected regular files out of a packaged chart ({@code .tgz}) with the engine's {@link TarGzArchive} reader.
 * Only used to find a packaged subchart's {@code Chart.yaml} and {@code crds/}, which the embedded Helm does not emit.
 */
final class TarGzEntries {

    private static final long MAX_ENTRY = 16L * 1024 * 1024;

    private TarGzEntries() {}

    /** Entry name to content, for the regular files whose names {@code wanted} accepts. */
    static Map<String, String> read(Path tgz, Predicate<String> wanted) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        TarGzArchive.read(tgz, (entry, content) -> {
            if (!entry.isFile() || !wanted.test(entry.name())) {
                return;
            }
            if (entry.size() > MAX_ENTRY) {
                throw new IOException(entry.name() + " in " + tgz.getFileName() + " is too large");
            }
            out.put(entry.name(), new String(content.readAllBytes(), StandardCharsets.UTF_8));
        });
        return out;
    }
}
