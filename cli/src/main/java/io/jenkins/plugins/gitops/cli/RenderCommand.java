package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print the manifests an Application renders to, as one YAML stream.")
final class RenderCommand implements Callable<Integer> {

    @Mixin
    AppOptions app;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (GitOpsEngine e = engine.build(System.err)) {
            List<KubeObject> objects = e.render(app.application(), app.revision, app.local);
            PrintWriter out = spec.commandLine().getOut();
            for (KubeObject o : objects) {
                out.print("---\n");
                out.print(Yaml.write(o.node()));
            }
            out.flush();
            return GitOpsCommand.OK;
        }
    }
}
