package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingLogTest {

    static final class Recording implements EngineLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(String message) {
            lines.add("I " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("W " + message);
        }
    }

    final Recording background = new Recording();
    final RoutingLog log = new RoutingLog(background);

    @Test
    void everythingGoesToTheBackgroundLogAndAnAppsLinesToItsSubscribers() {
        Recording build = new Recording();
        try (RoutingLog.Subscription s = log.subscribe("web", build)) {
            log.info("web: wave 0: Deployment shop/web configured");
            log.warn("web: hook smoke failed");
            log.info("api: refreshed");
            log.info("controller tick");
        }
        log.info("web: after the build stopped listening");

        assertThat(background.lines).hasSize(5);
        assertThat(build.lines).containsExactly("I wave 0: Deployment shop/web configured", "W hook smoke failed");
    }

    @Test
    void severalBuildsCanFollowOneApplication() {
        Recording a = new Recording();
        Recording b = new Recording();
        try (RoutingLog.Subscription sa = log.subscribe("web", a); RoutingLog.Subscription sb = log.subscribe("web", b)) {
            log.info("web: synced");
        }
        assertThat(a.lines).containsExactly("I synced");
        assertThat(b.lines).containsExactly("I synced");
    }
}
