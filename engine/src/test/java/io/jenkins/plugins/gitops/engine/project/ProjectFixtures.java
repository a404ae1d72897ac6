package io.jenkins.plugins.gitops.engine.project;

import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Loads project fixtures and builds small applications for the project tests. */
final class ProjectFixtures {

    private ProjectFixtures() {}

    static AppProject project(String file) {
        try {
            Path p = Path.of(ProjectFixtures.class.getResource("/project/" + file).toURI());
            return ArgoDocuments.read(p).projects().get(0);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An application; a destination starting with "https://" is a server URL, anything else a cluster name. */
    static Application app(String name, String repo, String cluster, String namespace) {
        String dest = cluster.startsWith("https://") ? "server: " + cluster : "name: " + cluster;
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  project: team-a
                  source: {repoURL: '%s', path: deploy}
                  destination: {%s, namespace: '%s'}
                """.formatted(name, repo, dest, namespace), name + ".yaml");
    }
}
