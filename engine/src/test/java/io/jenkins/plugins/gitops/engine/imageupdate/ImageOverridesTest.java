package io.jenkins.plugins.gitops.engine.imageupdate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.HelmSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageOverridesTest {

    @TempDir
    Path tmp;

    @Test
    void argocdWriteBackKeepsOverridesInStateAndAppliesThemToTheSource() {
        Path file = tmp.resolve("overrides.json");
        ImageOverrides o = new ImageOverrides(file);
        TrackedImage web = FileEditsTest.image("ghcr.io/acme/web", "", "", "", "");
        o.record("guestbook", List.of(new ImageChange(web, "1.0", "1.1")), false);
        o.record("guestbook", List.of(new ImageChange(web, "1.1", "1.2")), false);
        o.record("chart", List.of(new ImageChange(web, "1.0", "1.1")), true);

        ImageOverrides reloaded = new ImageOverrides(file);
        Application app = ImageUpdateAnnotationsTest.app(Map.of());
        assertThat(reloaded.applyTo(app).source().kustomize().images()).containsExactly("ghcr.io/acme/web:1.2");
        assertThat(reloaded.all().get("chart").helmParameters())
                .containsEntry("image.name", "ghcr.io/acme/web").containsEntry("image.tag", "1.1");
        Application chart = new Application("chart", "", "default", Map.of(), Map.of(), app.sources(), false,
                app.destination(), app.syncPolicy(), app.ignoreDifferences(), 10, "chart.yaml");
        assertThat(reloaded.applyTo(chart).source().helm().parameters()).containsExactly(
                new HelmSource.Parameter("image.name", "ghcr.io/acme/web", true),
                new HelmSource.Parameter("image.tag", "1.1", true));
        assertThat(reloaded.applyTo(ImageUpdateAnnotationsTest.app(Map.of())).source().helm())
                .isSameAs(app.source().helm());
    }

    @Test
    void theLoopRunsOncePerIntervalAndRemembersTheLastCheck() {
        AtomicInteger renders = new AtomicInteger();
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return now[0]; }
        };
        List<AppUpdateResult> changed = new ArrayList<>();
        ImageUpdater updater = new ImageUpdater(ImageUpdater.Settings.defaults(tmp, List.of()), url -> null,
                a -> { renders.incrementAndGet(); return List.of(); }, null, clock, null);
        ImageUpdateLoop loop = new ImageUpdateLoop(() -> updater, ImageUpdateLoop.DEFAULT_INTERVAL, clock, changed::add);
        Application app = ImageUpdateAnnotationsTest.app(Map.of("argocd-image-updater.argoproj.io/image-list", "nginx"));
        assertThat(loop.tick(List.of(app))).hasSize(1);
        assertThat(loop.tick(List.of(app))).as("not due").isEmpty();
        now[0] = now[0].plusSeconds(121);
        assertThat(loop.tick(List.of(app))).hasSize(1);
        assertThat(renders).hasValue(2);
        assertThat(loop.last("guestbook").orElseThrow().images().get(0).message())
                .isEqualTo("not used by the application's manifests; skipped");
        assertThat(changed).isEmpty();
    }
}
