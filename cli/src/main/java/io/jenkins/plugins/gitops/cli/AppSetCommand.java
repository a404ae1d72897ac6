package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "appset", mixinStandardHelpOptions = true, description = "ApplicationSet tools.",
        subcommands = AppSetCommand.Generate.class)
final class AppSetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Print the Applications an ApplicationSet generates.")
    static final class Generate implements Callable<Integer> {

        @Option(names = {"-f", "--file"}, required = true, description = "the ApplicationSet YAML file")
        Path file;

        @Option(names = {"-o", "--output"}, description = "yaml (default), json or name")
        String output = "yaml";

        @Mixin
        EngineOptions engine;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<ApplicationSet> sets = ArgoDocuments.read(file).applicationSets();
            if (sets.isEmpty()) {
                throw new ValidationException(file.toString(), "kind", "the file holds no ApplicationSet");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (GitOpsEngine e = engine.build(System.err)) {
                for (ApplicationSet set : sets) {
                    Generated generated = e.generate(set);
                    for (Generated.GeneratedApplication g : generated.applications()) {
                        switch (output) {
                            case "json" -> out.println(Yaml.json(g.document()));
                            case "name" -> out.println(g.application().name());
                            default -> {
                                out.print("---\n");
                                out.print(Yaml.write(g.document()));
                            }
                        }
                    }
                }
            }
            out.flush();
            return GitOpsCommand.OK;
        }
    }
}
