package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.history.HistoryEntry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the successful syncs of an Application (newest last).")
final class HistoryCommand implements Callable<Integer> {

    @Mixin
    AppOptions app;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (GitOpsEngine e = engine.build()) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-4s %-22s %-9s %-24s %s%n", "ID", "DEPLOYED", "REVISION", "INITIATED BY", "MESSAGE");
            for (HistoryEntry h : e.history(app.application().name())) {
                out.printf("%-4d %-22s %-9s %-24s %s%n", h.id(), h.deployedAt(), h.revisions().isEmpty()
                        ? h.revision().substring(0, Math.min(7, h.revision().length()))
                        : String.join(",", h.revisions().stream().map(r -> r.substring(0, Math.min(7, r.length())))
                                .toList()),
                        h.initiatedBy() + (h.automated() ? " (auto)" : ""),
                        StatusCommand.firstLine(h.commitMessage()));
            }
            out.flush();
            return GitOpsCommand.OK;
        }
    }
}
