package io.jenkins.plugins.gitops.notify;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.StringParameterValue;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.gitops.engine.notify.JobLauncher;
import io.jenkins.plugins.gitops.engine.notify.Sender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;

/**
 * The {@code jenkins} service inside Jenkins: queues the recipient job (full name) with the event as string
 * parameters. Jenkins keeps only parameters the job declares (SECURITY-170), so the job declares the
 * {@code GITOPS_*} parameters it reads.
 */
final class JenkinsJobLauncher implements JobLauncher {

    @Override
    public void launch(String jobName, Map<String, String> parameters) throws Exception {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> job = Jenkins.get().getItemByFullName(jobName, Job.class);
            if (!(job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?> p)) {
                throw new Sender.Permanent(job == null ? "no job named '" + jobName + "'"
                        : "job '" + jobName + "' cannot be started with parameters");
            }
            List<ParameterValue> values = new ArrayList<>();
            parameters.forEach((k, v) -> values.add(new StringParameterValue(k, v)));
            var queued = ParameterizedJobMixIn.scheduleBuild2((Job) job, 0,
                    new CauseAction(new Cause.RemoteCause("gitops", "GitOps notification " + parameters.get(
                            "GITOPS_TRIGGER") + " for " + parameters.get("GITOPS_APP"))),
                    new ParametersAction(values));
            if (queued == null) {
                throw new Sender.Permanent("job '" + jobName + "' is disabled or cannot be queued");
            }
        }
    }
}
