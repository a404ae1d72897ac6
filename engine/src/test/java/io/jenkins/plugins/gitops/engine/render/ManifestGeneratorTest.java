package io.jenkins.plugins.gitops.engine.render;

import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.SHA;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.app;
import static io.jenkins.plugins.gitops.engine.render.RenderFixtures.copyRepo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestGeneratorTest {

    @TempDir
    Path tmp;

    Path repo;

    @BeforeEach
    void setUp() {
        repo = copyRepo(tmp);
    }

    /** The model refuses '..' in YAML; a hand-built source proves the renderer checks again. */
    private static Application withPath(Application app, String path) {
        ApplicationSource s = app.source();
        ApplicationSource escaped = new ApplicationSource(s.repoURL(), s.targetRevision(), path, s.chart(), s.ref(),
                s.directory(), s.helm(), s.kustomize(), s.pluginName());
        return new Application(app.name(), app.namespace(), app.project(), app.labels(), app.annotations(),
                List.of(escaped), false, app.destination(), app.syncPolicy(), app.ignoreDifferences(),
                app.revisionHistoryLimit(), app.file());
    }

    @Test
    void pathEscapingWithDotDotIsRefused() {
        Application app = withPath(app("esc", "ns", "path: guestbook"), "guestbook/../../outside");
        assertThatThrownBy(() -> RenderFixtures.render(repo, app))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("application path 'guestbook/../../outside' leaves the repository");
    }

    @Test
    void pathThatIsASymlinkOutOfTheRepositoryIsRefused() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(outside.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        Files.createSymbolicLink(repo.resolve("escape"), outside);
        assertThatThrownBy(() -> RenderFixtures.render(repo, app("esc", "ns", "path: escape")))
                .hasMessageContaining("'escape' is a symlink that points outside the repository");
    }

    @Test
    void missingPathIsAClearError() {
        assertThatThrownBy(() -> RenderFixtures.render(repo, app("gone", "ns", "path: not/there")))
                .hasMessageContaining("application 'gone': application path 'not/there' does not exist");
    }

    @Test
    void pluginSourcesAreRefused() {
        assertThatThrownBy(() -> RenderFixtures.render(repo, app("p", "ns", """
                path: guestbook
                plugin:
                  name: cdk8s""")))
                .hasMessageContaining("config management plugins are not supported (plugin 'cdk8s')");
    }

    @Test
    void aHelmRepositoryChartRendersFromItsOwnTreeAndIsNamedAfterTheChart() {
        // the engine hands the renderer the unpacked chart as the tree root (see ChartSources); 'web' stands in here
        RenderedManifests m = RenderFixtures.render(repo.resolve("charts/web"), app("p", "ns", "chart: web"));
        assertThat(m.tool()).isEqualTo(ApplicationSource.Tool.HELM);
        assertThat(m.objects()).isNotEmpty().allSatisfy(o -> assertThat(o.source()).startsWith("web/"));
    }

    @Test
    void cacheHitsForTheSameParametersAndMissesWhenTheyChange() {
        RenderCache cache = new RenderCache(10, 10_000_000);
        ManifestGenerator generator = new ManifestGenerator(RenderSettings.defaults(), cache, null);
        RenderRequest request = RenderRequest.of(repo, app("web", "shop", "path: charts/web"), SHA);

        RenderedManifests first = generator.render(request);
        RenderedManifests again = generator.render(RenderRequest.of(repo, app("web", "shop", "path: charts/web"),
                SHA));
        assertThat(again).isSameAs(first);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);

        generator.render(RenderRequest.of(repo, app("web", "shop", "path: charts/web\nhelm:\n  skipCrds: true"),
                SHA));
        generator.render(RenderRequest.of(repo, app("web", "other", "path: charts/web"), SHA));
        generator.render(RenderRequest.of(repo, app("web2", "shop", "path: charts/web"), SHA));
        generator.render(RenderRequest.of(repo, app("web", "shop", "path: charts/web"), "f".repeat(40)));
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(5);
        assertThat(cache.size()).isEqualTo(5);
        assertThat(cache.bytes()).isPositive();
    }

    @Test
    void failuresAreNotCached() {
        RenderCache cache = new RenderCache(10, 10_000_000);
        ManifestGenerator generator = new ManifestGenerator(RenderSettings.defaults(), cache, null);
        RenderRequest bad = RenderRequest.of(repo, app("dup", "shop", "path: duplicates"), SHA);
        assertThatThrownBy(() -> generator.render(bad)).isInstanceOf(RenderException.class);
        assertThatThrownBy(() -> generator.render(bad)).isInstanceOf(RenderException.class);
        assertThat(cache.size()).isZero();
        assertThat(cache.misses()).isEqualTo(2);
    }

    @Test
    void detectsTheToolWithoutRendering() {
        ManifestGenerator generator = RenderFixtures.generator(RenderSettings.defaults());
        assertThat(generator.detectTool(RenderRequest.of(repo, app("a", "ns", "path: charts/web"), SHA)))
                .isEqualTo(ApplicationSource.Tool.HELM);
    }
}
