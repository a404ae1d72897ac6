package io.jenkins.plugins.gitops.engine.notify;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Jenkins-native service: starts the recipient job with the event as parameters - {@code GITOPS_APP},
 * {@code GITOPS_TRIGGER}, {@code GITOPS_REVISION}, {@code GITOPS_SYNC_STATUS}, {@code GITOPS_HEALTH},
 * {@code GITOPS_OPERATION_PHASE}, {@code GITOPS_MESSAGE}, {@code GITOPS_APP_URL} - plus the template's
 * {@code jenkins.parameters} (rendered, they win). A typical use: a smoke-test job on on-deployed.
 */
final class JenkinsJobSender implements Sender {

    private final Function<ServiceConfig, JobLauncher> launchers;

    JenkinsJobSender(Function<ServiceConfig, JobLauncher> launchers) {
        this.launchers = launchers;
    }

    @Override
    public void send(Notification n) throws Exception {
        if (n.recipient().isEmpty()) {
            throw new Permanent("jenkins service " + n.service().name() + " needs a job name as recipient");
        }
        JobLauncher launcher = launchers.apply(n.service());
        if (launcher == null) {
            throw new Permanent("jenkins service " + n.service().name() + " has no url here (the CLI needs url, "
                    + "username and token)");
        }
        launcher.launch(n.recipient(), parameters(n));
    }

    static Map<String, String> parameters(Notification n) {
        Map<String, String> p = new TreeMap<>();
        p.put("GITOPS_APP", n.app());
        p.put("GITOPS_TRIGGER", n.trigger());
        String rev = n.appField("status", "operationState", "syncResult", "revision");
        p.put("GITOPS_REVISION", rev == null || rev.isEmpty() ? nz(n.appField("status", "sync", "revision")) : rev);
        p.put("GITOPS_SYNC_STATUS", nz(n.appField("status", "sync", "status")));
        p.put("GITOPS_HEALTH", nz(n.appField("status", "health", "status")));
        p.put("GITOPS_OPERATION_PHASE", nz(n.appField("status", "operationState", "phase")));
        p.put("GITOPS_MESSAGE", n.message().strip());
        p.put("GITOPS_APP_URL", nz(n.appUrl()));
        n.section("jenkins", "parameters").forEach((k, v) -> p.put(k, String.valueOf(v)));
        return p;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
