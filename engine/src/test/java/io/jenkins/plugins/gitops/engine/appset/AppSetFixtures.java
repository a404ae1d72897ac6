package io.jenkins.plugins.gitops.engine.appset;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Fixture loading for the appset tests: ApplicationSet YAMLs, the sample repository and the configured clusters. */
final class AppSetFixtures {

    /** The clusters the user configured; in-cluster has no labels, as Argo CD's local cluster. */
    static final List<Cluster> CLUSTERS = List.of(
            new Cluster("in-cluster", "https://kubernetes.default.svc", Map.of()),
            new Cluster("dev", "https://dev.example.com", Map.of("tier", "development", "region", "eu")),
            new Cluster("prod", "https://prod.example.com", Map.of("tier", "production", "region", "eu")),
            new Cluster("Prod_US", "https://prod-us.example.com", Map.of("tier", "production", "region", "us"),
                    Map.of("owner", "team-us")));

    private AppSetFixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(AppSetFixtures.class.getResource("/appset/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApplicationSet set(String name) {
        return ArgoDocuments.read(resource(name)).applicationSets().get(0);
    }

    static ApplicationSet parseSet(String yaml) {
        return ArgoDocuments.parse(yaml, "inline.yaml").applicationSets().get(0);
    }

    static Application app(String yaml) {
        return ArgoDocuments.parseApplication(yaml, "app.yaml");
    }

    /** A Git repository holding the files of {@code appset/repo}, committed once; returns it open. */
    static TestGitRepo sampleRepo(Path dir) {
        TestGitRepo repo = TestGitRepo.init(dir);
        Path root = resource("repo");
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repo.commit("sample configuration", files);
        return repo;
    }
}
