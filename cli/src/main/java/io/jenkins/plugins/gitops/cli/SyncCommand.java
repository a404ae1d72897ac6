package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Sync an Application to its cluster: waves, hooks, prune, health gates. "
                + "Exit 0 Succeeded, 1 Failed, 2 error.")
final class SyncCommand implements Callable<Integer> {

    @Mixin
    AppOptions app;

    @Mixin
    EngineOptions engine;

    @Option(names = "--prune", description = "delete tracked resources that are no longer in Git")
    boolean prune;

    @Option(names = "--dry-run", description = "dry-run every change on the server; change nothing")
    boolean dryRun;

    @Option(names = "--resource", paramLabel = "GROUP:KIND:NAME",
            description = "sync only these resources (no hooks, no history); repeatable")
    List<String> resources = new ArrayList<>();

    @Option(names = "--timeout", description = "operation timeout in seconds")
    Long timeoutSeconds;

    @Option(names = {"-o", "--output"}, description = "text (default) or json")
    String output = "text";

    @Spec
    CommandSpec spec;

    /**
     * Prints the outcome (the operationState as JSON, or a {@code Phase: message} line) and returns the exit code;
     * an operation that ended in Error is also reported as one {@code error:} line on stderr. The engine's own
     * end-of-operation progress line is dropped when it says the same ({@link ProgressLog#outcome}).
     */
    static int report(SyncOutcome outcome, boolean json, CommandSpec spec, Warnings warnings, EngineLog progress) {
        PrintWriter out = spec.commandLine().getOut();
        int code = GitOpsCommand.exitCode(outcome);
        if (progress instanceof ProgressLog log) {
            log.outcome(outcome.phase() + ": " + outcome.message());
        }
        if (json) {
            out.println(Yaml.json(StatusJson.operation(outcome)));
        } else if (code != GitOpsCommand.ERROR) {
            out.println(outcome.phase() + ": " + outcome.message());
        }
        out.flush();
        if (code == GitOpsCommand.ERROR) {
            // the "error:" prefix already says the phase; "error: Error: ..." would say it twice
            return warnings.error(spec.commandLine().getErr(), outcome.message());
        }
        return code;
    }

    @Override
    public Integer call() {
        OutputFormat.check(output, "text", "json");
        Application application = app.application();
        List<ResourceKey> keys = resources.stream()
                .map(ResourceArgument::parse).toList();
        PrintWriter out = spec.commandLine().getOut();
        boolean json = "json".equals(output);
        EngineLog progress = json ? EngineLog.NONE : new ProgressLog(out);
        SyncRequest request = SyncRequest.manual(System.getProperty("user.name", "cli"))
                .withPrune(prune).withDryRun(dryRun).withRevision(app.revision).withResources(keys)
                .withTimeout(timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds))
                .withLocalDir(app.local);
        try (GitOpsEngine e = engine.build()) {
            SyncOutcome outcome = e.sync(application, request, progress);
            int code = report(outcome, json, spec, engine.warnings, progress);
            if (outcome.succeeded() && !new ChildSyncs(e, progress, request.initiatedBy())
                    .afterParentSync(application, outcome)) {
                return GitOpsCommand.DIFFERENT; // the parent synced, a child did not
            }
            return code;
        }
    }
}
