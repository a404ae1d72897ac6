package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which Application to work on and where its manifests come from. */
final class AppOptions {

    @Option(names = {"-f", "--file"}, required = true, description = "the Application YAML file")
    Path file;

    @Option(names = "--local", description = "render this working directory instead of Git (like argocd --local)")
    Path local;

    @Option(names = "--revision", description = "override the Application's targetRevision")
    String revision;

    Application application() {
        return ArgoDocuments.readApplication(file);
    }
}
