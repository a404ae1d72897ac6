package io.jenkins.plugins.gitops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.DeleteOutcome;
import io.jenkins.plugins.gitops.engine.DeleteRequest;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.ResourceResult;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gitops delete}, like {@code argocd app delete}: PreDelete hooks, then the application's tracked resources
 * (unless {@code --cascade orphan}), then PostDelete hooks. Asks before deleting unless {@code --yes}; without a
 * terminal to ask on, {@code --yes} is required.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an Application: run its PreDelete hooks, delete the resources it tracks (unless --cascade"
                + " orphan), run its PostDelete hooks. Exit 0 deleted, 1 Failed (e.g. a hook failed), 2 error.")
final class DeleteCommand implements Callable<Integer> {

    @Mixin
    AppOptions app;

    @Mixin
    EngineOptions engine;

    @Option(names = "--cascade", paramLabel = "MODE", defaultValue = "foreground",
            description = "foreground (default: wait until the resources and their dependents are gone), background"
                    + " (dependents are removed by the garbage collector afterwards) or orphan (leave every resource;"
                    + " argocd --cascade=false)")
    String cascade;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = "--confirm", description = "also delete resources marked Delete=confirm")
    boolean confirm;

    @Option(names = "--timeout", description = "operation timeout in seconds")
    Long timeoutSeconds;

    @Option(names = {"-o", "--output"}, description = "text (default) or json")
    String output = "text";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat.check(output, "text", "json");
        DeleteRequest.Cascade mode = DeleteRequest.Cascade.parse(cascade);
        Application application = app.application();
        if (!yes && !confirmed(application, mode)) {
            return engine.warnings.error(spec.commandLine().getErr(), "deletion of " + application.name()
                    + " not confirmed" + (System.console() == null ? " (no terminal to ask on: pass --yes)" : ""));
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean json = "json".equals(output);
        EngineLog progress = json ? EngineLog.NONE : new ProgressLog(out);
        DeleteRequest request = new DeleteRequest(mode, confirm,
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds),
                System.getProperty("user.name", "cli"), app.revision, app.local);
        try (GitOpsEngine e = engine.build()) {
            DeleteOutcome outcome = e.delete(application, request, progress);
            return report(outcome, json, progress);
        }
    }

    private boolean confirmed(Application application, DeleteRequest.Cascade mode) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String what = mode == DeleteRequest.Cascade.ORPHAN ? "application '" + application.name()
                + "' (its resources stay in the cluster)"
                : "application '" + application.name() + "' and its resources (cascade " + mode + ")";
        String answer = console.readLine("Are you sure you want to delete %s? [y/n] ", what);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    /** The outcome as JSON: phase, message, cascade, timing and one entry per hook and resource. */
    static ObjectNode json(DeleteOutcome o) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("phase", o.phase());
        root.put("message", o.message());
        root.put("cascade", o.cascade().toString());
        root.put("startedAt", String.valueOf(o.startedAt()));
        root.put("finishedAt", String.valueOf(o.finishedAt()));
        root.put("resourcesReleased", o.resourcesReleased());
        ArrayNode resources = root.putArray("resources");
        for (ResourceResult r : o.resources()) {
            resources.add(Yaml.JSON.valueToTree(r));
        }
        return root;
    }

    private int report(DeleteOutcome outcome, boolean json, EngineLog progress) {
        PrintWriter out = spec.commandLine().getOut();
        if (progress instanceof ProgressLog log) {
            log.outcome(outcome.phase() + ": " + outcome.message());
        }
        int code = switch (outcome.phase()) {
            case "Succeeded" -> GitOpsCommand.OK;
            case "Failed" -> GitOpsCommand.DIFFERENT;
            default -> GitOpsCommand.ERROR;
        };
        if (json) {
            out.println(Yaml.json(json(outcome)));
        } else if (code != GitOpsCommand.ERROR) {
            out.println(outcome.phase() + ": " + outcome.message());
        }
        out.flush();
        if (code == GitOpsCommand.ERROR) {
            // the "error:" prefix already says the phase; "error: Error: ..." would say it twice
            return engine.warnings.error(spec.commandLine().getErr(), outcome.message());
        }
        return code;
    }
}
