package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Splits {@code helm template} output into objects, keeping the template each came from: Helm writes
 * {@code ---} and {@code # Source: <chart>/templates/x.yaml} before every document. The chart-name prefix is replaced
 * by the chart's place in the repository, so objects carry e.g. {@code charts/web/templates/x.yaml}.
 */
final class HelmOutput {

    private static final String SOURCE = "# Source: ";

    private HelmOutput() {}

    /** {@code source} maps a path relative to the chart directory to the name objects carry. */
    static List<KubeObject> parse(String output, String fallbackSource, Function<String, String> source) {
        List<KubeObject> out = new ArrayList<>();
        StringBuilder doc = new StringBuilder();
        String current = fallbackSource;
        for (String line : output.split("\n", -1)) {
            if (line.equals("---") || line.startsWith("--- ")) {
                flush(doc, current, out);
                current = fallbackSource;
                continue;
            }
            if (line.startsWith(SOURCE) && doc.toString().isBlank()) {
                String template = line.substring(SOURCE.length()).strip();
                int slash = template.indexOf('/');
                current = slash < 0 ? fallbackSource : source.apply(template.substring(slash + 1));
            }
            doc.append(line).append('\n');
        }
        flush(doc, current, out);
        return out;
    }

    private static void flush(StringBuilder doc, String source, List<KubeObject> out) {
        if (!doc.toString().isBlank()) {
            out.addAll(ManifestParser.yaml(doc.toString(), source));
        }
        doc.setLength(0);
    }
}
