package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

        @Option(names = {"-o", "--output"},
                description = "yaml (default: a YAML stream), json (one JSON array) or name (one per line)")
        String output = "yaml";

        @Mixin
        EngineOptions engine;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OutputFormat.check(output, "yaml", "json", "name");
            List<ApplicationSet> sets = ArgoDocuments.read(file).applicationSets();
            if (sets.isEmpty()) {
                throw new ValidationException(file.toString(), "kind", "the file holds no ApplicationSet");
            }
            List<Generated.GeneratedApplication> all = new ArrayList<>();
            try (GitOpsEngine e = engine.build()) {
                for (ApplicationSet set : sets) {
                    all.addAll(e.generate(set).applications());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.equals("json")) {
                ArrayNode array = Yaml.JSON.createArrayNode();
                all.forEach(g -> array.add(g.document()));
                out.println(Yaml.json(array));
            }
            for (Generated.GeneratedApplication g : all) {
                if (output.equals("name")) {
                    out.println(g.application().name());
                } else if (output.equals("yaml")) {
                    out.print("---\n");
                    out.print(Yaml.write(g.document()));
                }
            }
            out.flush();
            return GitOpsCommand.OK;
        }
    }
}
