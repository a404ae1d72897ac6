package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show how the live cluster differs from Git. Exit 0 in sync, 1 out of sync, 2 on error.")
final class DiffCommand implements Callable<Integer> {

    @Mixin
    AppOptions app;

    @Mixin
    EngineOptions engine;

    @Option(names = {"-o", "--output"}, description = "text (default) or json")
    String output = "text";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat.check(output, "text", "json");
        try (GitOpsEngine e = engine.build()) {
            AppComparison c = e.compare(app.application(), app.revision, app.local);
            PrintWriter out = spec.commandLine().getOut();
            if (c.error() != null) {
                return engine.warnings.error(spec.commandLine().getErr(), c.error());
            }
            if ("json".equals(output)) {
                out.println(Yaml.json(StatusJson.status(c)));
            } else {
                c.conditions().forEach(k -> out.println("warning: " + k));
                for (ResourceStatus r : c.outOfSync()) {
                    out.println("===== " + r.key() + (r.requiresPruning() ? " (requires pruning)" : ""));
                    r.diffPaths().forEach(p -> out.println("  " + p));
                }
                out.print(c.diff());
            }
            out.flush();
            return GitOpsCommand.exitCode(c);
        }
    }
}
