package io.jenkins.plugins.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The engine's end-of-operation line is not printed again right above the command's own outcome line. */
class ProgressLogTest {

    final StringWriter out = new StringWriter();
    final ProgressLog log = new ProgressLog(new PrintWriter(out, true));

    @Test
    void theEnginesOutcomeLineIsDroppedWhenTheCommandPrintsTheSame() {
        log.info("web: wave 0 Sync: ConfigMap shop/a configured");
        log.info("web: Failed: one or more objects failed to apply (dry run), reason: 14 resources of kind X");

        log.outcome("Failed: one or more objects failed to apply (dry run), reason: 14 resources of kind X");

        assertThat(out.toString()).isEqualTo("web: wave 0 Sync: ConfigMap shop/a configured\n".replace("\n",
                System.lineSeparator()));
    }

    @Test
    void anAttemptThatWasRetriedIsStillShown() {
        log.info("web: Failed: the API server failed");
        log.info("web: retrying in 5s (retry 1 of 2)");
        log.info("web: Succeeded: successfully synced (all tasks run)");

        log.outcome("Succeeded: successfully synced (all tasks run) (retried 1 time)");

        assertThat(out.toString().lines()).containsExactly("web: Failed: the API server failed",
                "web: retrying in 5s (retry 1 of 2)", "web: Succeeded: successfully synced (all tasks run)");
    }

    @Test
    void linesArrivingBetweenTheEndLineAndTheOutcomeDoNotReleaseIt() {
        log.info("web: Failed: hook batch/Job shop/smoke failed");
        log.info("web: refreshed 9d9a8e4 Synced Healthy"); // the controller's refresh races the command's report

        log.outcome("Failed: hook batch/Job shop/smoke failed");

        assertThat(out.toString().lines()).containsExactly("web: refreshed 9d9a8e4 Synced Healthy");
    }
}
