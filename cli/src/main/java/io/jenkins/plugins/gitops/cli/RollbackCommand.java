package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Redeploy a history entry (default: the previous one). Refused while automated sync is on. "
                + "Exit 0 Succeeded, 1 Failed, 2 error.")
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    AppOptions app;

    @Mixin
    EngineOptions engine;

    @Option(names = "--id", description = "history id (see gitops history); default: the previous deployment")
    Long id;

    @Option(names = "--prune", description = "delete resources the old revision does not have")
    boolean prune;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EngineLog progress = new ProgressLog(out);
        try (GitOpsEngine e = engine.build()) {
            SyncOutcome o = e.rollback(app.application(), id == null ? -1 : id,
                    SyncRequest.manual(System.getProperty("user.name", "cli")).withPrune(prune), progress);
            return SyncCommand.report(o, false, spec, engine.warnings, progress);
        }
    }
}
