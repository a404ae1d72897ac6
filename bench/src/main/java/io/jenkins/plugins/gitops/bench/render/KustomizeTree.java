package io.jenkins.plugins.gitops.bench.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of a plain-manifest tree turned into a Kustomize root ({@code kustomization.yaml} listing every file), so
 * {@code kubectl kustomize} can build exactly the objects the directory application renders while the application in
 * Git stays a plain directory app.
 */
final class KustomizeTree {

    private KustomizeTree() {}

    /** Copies {@code source} to {@code target} and adds the kustomization; returns {@code target}. */
    static Path copy(Path source, Path target, List<String> files) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        StringBuilder k = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        files.stream().sorted().forEach(f -> k.append("- ").append(f).append('\n'));
        Files.writeString(target.resolve("kustomization.yaml"), k.toString(), StandardCharsets.UTF_8);
        return target;
    }

    /** Number of YAML documents in a {@code kustomize build} output (documents are separated by {@code ---} lines). */
    static int countDocuments(Path output) throws IOException {
        try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
            long separators = lines.filter("---"::equals).count();
            return Files.size(output) == 0 ? 0 : (int) separators + 1;
        }
    }
}
