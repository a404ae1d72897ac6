package io.jenkins.plugins.gitops.engine.notify;

import java.util.Map;

/**
 * Starts a Jenkins job with parameters: the {@code jenkins} service. The plugin starts jobs in-process (as the
 * configured user would); the CLI uses {@link JenkinsRemoteLauncher} against Jenkins' REST API.
 */
public interface JobLauncher {

    /** Queues a build of {@code job} (full name, {@code folder/job}); throws with a reason when it cannot. */
    void launch(String job, Map<String, String> parameters) throws Exception;
}
