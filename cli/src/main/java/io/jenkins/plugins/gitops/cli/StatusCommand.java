package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.AppComparison;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.ResourceStatus;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardDirectory;
import io.jenkins.plugins.gitops.engine.reconcile.shard.ShardHolder;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Sync status, health, revision and one row per resource. "
                + "Exit 0 in sync, 1 out of sync, 2 on error.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    AppOptions app;

    @Mixin
    EngineOptions engine;

    @Option(names = {"-o", "--output"}, description = "text (default) or json")
    String output = "text";

    @Option(names = "--lease-namespace", description = "namespace where `gitops controller --shards` keeps its "
            + "Leases: also show which controller holds the application's shard")
    String leaseNamespace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat.check(output, "text", "json");
        try (GitOpsEngine e = engine.build()) {
            Children children = app.local == null ? children(e) : Children.NONE;
            e.useChildHealth(name -> Optional.ofNullable(children.compared().get(name))
                    .filter(cc -> cc.error() == null).map(AppComparison::health));
            AppComparison c = e.compare(app.application(), app.revision, app.local);
            PrintWriter out = spec.commandLine().getOut();
            Optional<ShardHolder> holder = holder(e);
            if ("json".equals(output)) {
                var json = StatusJson.status(c);
                holder.ifPresent(h -> {
                    var ctl = json.putObject("controller");
                    ctl.put("shard", h.shard());
                    ctl.put("shards", h.shards());
                    ctl.put("holder", h.holder());
                });
                out.println(Yaml.json(json));
                out.flush();
            }
            if (c.error() != null) {
                return engine.warnings.error(spec.commandLine().getErr(), c.error());
            }
            if ("json".equals(output)) {
                return GitOpsCommand.exitCode(c);
            }
            out.printf("Name:      %s%nRevision:  %s %s%n", c.app(), c.shortRevision(), firstLine(c.commitMessage()));
            if (!c.revisions().isEmpty()) {
                out.printf("Revisions: %s%n", String.join(", ", c.revisions()));
            }
            out.printf("Sync:      %s%nHealth:    %s %s%n%n", c.syncStatus(), c.health().status(),
                    c.health().message());
            holder.ifPresent(h -> out.printf("Controller: %s%n%n", h.describe()));
            out.printf("%-12s %-24s %-16s %-40s %-10s %-12s %s%n", "GROUP", "KIND", "NAMESPACE", "NAME", "STATUS",
                    "HEALTH", "MESSAGE");
            for (ResourceStatus r : c.resources()) {
                out.printf("%-12s %-24s %-16s %-40s %-10s %-12s %s%n", r.group(), r.kind(), r.namespace(), r.name(),
                        r.status() + (r.requiresPruning() ? "*" : ""), r.health() == null ? "" : r.health(),
                        r.healthMessage() == null ? "" : r.healthMessage());
            }
            c.conditions().forEach(k -> out.println("warning: " + k));
            if (app.local == null) {
                printChildren(children, out);
            }
            out.flush();
            return GitOpsCommand.exitCode(c);
        }
    }

    /** The child applications the application renders, each compared on its own (app of apps). */
    record Children(java.util.List<io.jenkins.plugins.gitops.engine.appofapps.ChildApplication> list,
            java.util.Map<String, AppComparison> compared, String error) {
        static final Children NONE = new Children(java.util.List.of(), java.util.Map.of(), null);
    }

    private Children children(GitOpsEngine e) {
        java.util.List<io.jenkins.plugins.gitops.engine.appofapps.ChildApplication> list;
        try {
            list = e.childApplications(app.application(), app.revision);
        } catch (RuntimeException ex) {
            return new Children(java.util.List.of(), java.util.Map.of(), ex.getMessage());
        }
        java.util.Map<String, AppComparison> compared = new java.util.LinkedHashMap<>();
        list.forEach(child -> compared.put(child.name(), e.compare(child.application(), null, null)));
        return new Children(list, compared, null);
    }

    /**
     * App of apps: the Application documents the application renders, each compared on its own, below the parent
     * (their rows in the resource list above show the same health; it is not rolled up into the parent's); nothing
     * is shown for an application without children.
     */
    private static void printChildren(Children children, PrintWriter out) {
        if (children.error() != null) {
            out.println("warning: child applications: " + children.error());
            return;
        }
        if (children.list().isEmpty()) {
            return;
        }
        out.printf("%nChild applications:%n%-32s %-10s %-12s %s%n", "NAME", "STATUS", "HEALTH", "MESSAGE");
        for (var child : children.list()) {
            AppComparison cc = children.compared().get(child.name());
            out.printf("%-32s %-10s %-12s %s%n", child.name(), cc.syncStatus(),
                    cc.health() == null ? "" : cc.health().status(), cc.error() != null ? cc.error()
                            : child.application().syncPolicy().isAutomated() ? "automated sync" : "manual sync");
        }
    }

    /** The holder of the application's shard, when --lease-namespace is given and controllers keep leases there. */
    private Optional<ShardHolder> holder(GitOpsEngine e) {
        if (leaseNamespace == null) {
            return Optional.empty();
        }
        var connection = e.clusters().defaultConnection().orElseThrow(() -> new IllegalArgumentException(
                "--lease-namespace needs a kubeconfig: the leases live in the cluster the controllers manage"));
        return ShardDirectory.lookup(connection.client(), leaseNamespace, app.application(), e.clock());
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
