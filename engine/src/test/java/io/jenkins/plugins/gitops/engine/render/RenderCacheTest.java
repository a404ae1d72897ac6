package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.ApplicationSource.Tool;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderCacheTest {

    private static RenderCache.Key key(String sha) {
        return new RenderCache.Key("https://git.example.com/a.git", sha, "app", "params");
    }

    private static RenderedManifests manifests(long bytes) {
        return new RenderedManifests(List.of(), Tool.DIRECTORY, "sha", "app", List.of(), bytes);
    }

    @Test
    void evictsTheLeastRecentlyUsedEntryBeyondTheEntryLimit() {
        RenderCache cache = new RenderCache(2, 1000);
        cache.put(key("a"), manifests(1));
        cache.put(key("b"), manifests(1));
        assertThat(cache.get(key("a"))).isPresent(); // a is now more recent than b
        cache.put(key("c"), manifests(1));
        assertThat(cache.get(key("b"))).isEmpty();
        assertThat(cache.get(key("a"))).isPresent();
        assertThat(cache.get(key("c"))).isPresent();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void evictsUntilTheByteBudgetHolds() {
        RenderCache cache = new RenderCache(100, 100);
        cache.put(key("a"), manifests(40));
        cache.put(key("b"), manifests(40));
        cache.put(key("c"), manifests(40));
        assertThat(cache.get(key("a"))).isEmpty();
        assertThat(cache.bytes()).isEqualTo(80);
        cache.put(key("big"), manifests(500));
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void replacingAnEntryAccountsBytesOnce() {
        RenderCache cache = new RenderCache(10, 1000);
        cache.put(key("a"), manifests(40));
        cache.put(key("a"), manifests(60));
        assertThat(cache.bytes()).isEqualTo(60);
        cache.clear();
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void countsHitsAndMisses() {
        RenderCache cache = new RenderCache(10, 1000);
        cache.get(key("a"));
        cache.put(key("a"), manifests(1));
        cache.get(key("a"));
        cache.get(key("a"));
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(2);
    }
}
