package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.testing.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Shared helpers: a private copy of the fixture repository, Applications from YAML, golden-file comparison. */
final class RenderFixtures {

    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private RenderFixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(RenderFixtures.class.getResource("/render/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the fixture repository into {@code dir}/repo and returns that root. */
    static Path copyRepo(Path dir) {
        return FileTrees.copy(resource("repo"), dir.resolve("repo"));
    }

    /**
     * An Application named {@code name} deploying to {@code namespace}; {@code source} holds the lines of
     * {@code spec.source} besides repoURL and targetRevision, unindented.
     */
    static Application app(String name, String namespace, String source) {
        String indented = source.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: https://git.example.com/apps.git
                    targetRevision: main
                %s
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: %s
                """.formatted(name, indented, namespace);
        return ArgoDocuments.parseApplication(yaml, name + ".yaml");
    }

    static ManifestGenerator generator(RenderSettings settings) {
        return new ManifestGenerator(settings, null, null);
    }

    static RenderedManifests render(Path repo, Application app) {
        return generator(RenderSettings.defaults()).render(RenderRequest.of(repo, app, SHA));
    }

    static KubeObject find(RenderedManifests m, String kind, String name) {
        return m.objects().stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + m.objects()));
    }

    /** The manifests as one YAML stream, each document preceded by its source. */
    static String dump(RenderedManifests m) {
        return m.objects().stream()
                .map(o -> "# Source: " + o.source() + "\n" + Yaml.write(o.node()))
                .collect(Collectors.joining("---\n"));
    }

    /** Compares with render/golden/{name}; {@code -Drender.updateGolden=true} rewrites the file in the source tree. */
    static void assertGolden(RenderedManifests m, String name) {
        String actual = dump(m);
        if (Boolean.getBoolean("render.updateGolden")) {
            try {
                Path file = Path.of("src/test/resources/render/golden", name);
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try {
            assertThat(actual).isEqualTo(Files.readString(resource("golden/" + name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
