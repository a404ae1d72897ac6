package io.jenkins.plugins.gitops.engine.project;

import static io.jenkins.plugins.gitops.engine.project.ProjectFixtures.app;
import static io.jenkins.plugins.gitops.engine.project.ProjectFixtures.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Destination;
import io.jenkins.plugins.gitops.engine.model.FieldError;
import io.jenkins.plugins.gitops.engine.model.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncWindowsTest {

    private static final String REPO = "https://github.com/team-w/apps";

    private final SyncWindows windows = SyncWindows.of(project("windows.yaml"));

    /** Matches only the Berlin office-hours allow window (index 0). */
    private final Application web = app("web-shop", REPO, Destination.IN_CLUSTER, "dev");
    /** Matches only the nightly deny window with manualSync (index 1). */
    private final Application api = app("api", REPO, Destination.IN_CLUSTER, "prod-eu");
    /** Matches all three windows. */
    private final Application webProd = app("web-prod", REPO, "https://prod.example.com", "prod-eu");

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static List<Integer> indexes(SyncDecision d) {
        return d.blockingWindows().stream().map(ScheduledWindow::index).toList();
    }

    @Test
    void windowsApplyByApplicationNamespaceAndCluster() {
        assertThat(windows.matching(web)).extracting(ScheduledWindow::index).containsExactly(0);
        assertThat(windows.matching(api)).extracting(ScheduledWindow::index).containsExactly(1);
        assertThat(windows.matching(webProd)).extracting(ScheduledWindow::index).containsExactly(0, 1, 2);
        Application other = app("batch", REPO, Destination.IN_CLUSTER, "dev");
        assertThat(windows.canSync(other, false, at("2024-03-06T03:00:00Z")).allowed()).isTrue();
    }

    @Test
    void insideAllowWindowInItsTimeZone() {
        // 08:30 UTC is 09:30 in Berlin (CET): inside the 09:00-17:00 window although it is before 09:00 UTC
        SyncDecision d = windows.canSync(web, false, at("2024-03-06T08:30:00Z"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.blockedUntil()).isEmpty();
        // after the switch to summer time the window opens at 07:00 UTC
        assertThat(windows.canSync(web, false, at("2024-04-02T07:00:00Z")).allowed()).isTrue();
        assertThat(windows.canSync(web, false, at("2024-04-02T06:59:00Z")).allowed()).isFalse();
    }

    @Test
    void outsideAllowWindowIsBlockedUntilItNextOpens() {
        SyncDecision evening = windows.canSync(web, false, at("2024-03-06T17:30:00Z"));
        assertThat(evening.allowed()).isFalse();
        assertThat(indexes(evening)).containsExactly(0);
        assertThat(evening.blockedUntil()).contains(Instant.parse("2024-03-07T08:00:00Z"));
        assertThat(evening.reason()).isEqualTo("automatic sync of application 'web-shop' is blocked: none of its "
                + "allow windows is active (allow window syncWindows[0] '0 9 * * MON-FRI' for 8h (Europe/Berlin) of "
                + "project 'team-w'); sync possible from 2024-03-07T08:00:00Z");
        // Friday evening waits for Monday morning; the window has no manualSync so a manual sync waits too
        SyncDecision weekend = windows.canSync(web, true, at("2024-03-08T16:00:00Z"));
        assertThat(weekend.allowed()).isFalse();
        assertThat(weekend.blockedUntil()).contains(Instant.parse("2024-03-11T08:00:00Z"));
    }

    @Test
    void activeDenyWithManualSyncBlocksOnlyAutomaticSyncs() {
        SyncDecision auto = windows.canSync(api, false, at("2024-03-06T23:00:00Z"));
        assertThat(auto.allowed()).isFalse();
        assertThat(indexes(auto)).containsExactly(1);
        assertThat(auto.blockedUntil()).contains(Instant.parse("2024-03-07T00:00:00Z"));
        SyncDecision manual = windows.canSync(api, true, at("2024-03-06T23:00:00Z"));
        assertThat(manual.allowed()).isTrue();
        assertThat(manual.reason()).startsWith("manual sync of application 'api' is permitted by deny window");
    }

    @Test
    void windowStartIsInclusiveAndEndExclusive() {
        assertThat(windows.canSync(api, false, at("2024-03-06T21:59:59Z")).allowed()).isTrue();
        assertThat(windows.canSync(api, false, at("2024-03-06T22:00:00Z")).allowed()).isFalse();
        assertThat(windows.canSync(api, false, at("2024-03-06T23:59:59Z")).allowed()).isFalse();
        assertThat(windows.canSync(api, false, at("2024-03-07T00:00:00Z")).allowed()).isTrue();
    }

    @Test
    void denyWinsOverActiveAllowAndBlockLastsUntilNextAllowWindow() {
        // 1 April: the quarterly freeze (24h, no manual sync) overlaps office hours
        SyncDecision d = windows.canSync(webProd, false, at("2024-04-01T10:00:00Z"));
        assertThat(d.allowed()).isFalse();
        assertThat(indexes(d)).containsExactly(2);
        // the freeze ends at 2 April 00:00 UTC, but then office hours are closed until 09:00 Berlin (07:00 UTC)
        assertThat(d.blockedUntil()).contains(Instant.parse("2024-04-02T07:00:00Z"));
    }

    @Test
    void manualSyncIsBlockedByTheDenyWindowThatLacksManualSync() {
        SyncDecision d = windows.canSync(webProd, true, at("2024-04-01T22:30:00Z"));
        assertThat(d.allowed()).isFalse();
        assertThat(indexes(d)).containsExactly(2);
    }

    @Test
    void blockThatNeverEndsHasNoEndTime() {
        AppProject p = new AppProject("frozen", List.of("*"), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new AppProject.SyncWindow("deny", "0 * * * *", "2h", List.of("*"), List.of(), List.of(),
                        false, "UTC")), "frozen.yaml");
        SyncDecision d = SyncWindows.of(p).canSync(web, false, at("2024-03-06T10:00:00Z"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.blockedUntil()).isEmpty();
        assertThat(d.reason()).endsWith("the block does not end within a year");
    }

    @Test
    void invalidWindowsNameFileAndField() {
        assertThatThrownBy(() -> SyncWindows.of(project("bad-windows.yaml")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.file()).endsWith("bad-windows.yaml");
                    assertThat(e.errors()).extracting(FieldError::path).containsExactly(
                            "spec.syncWindows[0].schedule", "spec.syncWindows[1].duration",
                            "spec.syncWindows[1].timeZone");
                    assertThat(e.errors().get(0).message()).isEqualTo(
                            "invalid cron schedule '61 * * * *': minute field '61': 61 is out of range 0-59");
                });
    }
}
