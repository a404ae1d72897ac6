package io.jenkins.plugins.gitops.engine.imageupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every strategy against one real registry holding a realistic mix of tags. */
class TagSelectorTest {

    @TempDir
    static Path tmp;

    static TestRegistry registry;
    static String latestDigest;

    @BeforeAll
    static void push() {
        registry = TestRegistry.start(tmp);
        Instant day = Instant.parse("2026-03-01T00:00:00Z");
        // pushed order != build order: "1.1.0" was built last
        registry.push("team/app", "1.0.0", day);
        registry.push("team/app", "1.2.0", day.plusSeconds(3600));
        registry.push("team/app", "2.0.0-rc.1", day.plusSeconds(7200));
        registry.push("team/app", "1.1.0", day.plusSeconds(10800));
        registry.push("team/app", "2.1.0", day.plusSeconds(300));
        registry.push("team/app", "nightly-20260301", day.plusSeconds(60));
        registry.push("team/app", "nightly-20260302", day.plusSeconds(120));
        latestDigest = registry.push("team/app", "latest", day.plusSeconds(10800));
        registry.pushIndex("team/multi", "1.0.0", day, List.of("linux/amd64", "linux/arm64"));
        registry.pushIndex("team/multi", "1.1.0", day.plusSeconds(60), List.of("linux/amd64"));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    TrackedImage image(String repo, String constraint, UpdateStrategy strategy, String allow, List<String> ignore,
            List<String> platforms) {
        return new TrackedImage("a", ImageReference.parse(registry.host() + "/" + repo), constraint, strategy,
                allow == null ? null : Pattern.compile(allow), ignore,
                platforms.stream().map(TrackedImage.Platform::parse).toList(), "", "", "", "", "");
    }

    TagSelection select(TrackedImage image, String current) {
        return new TagSelector(new RegistryClient(List.of())).select(image, current);
    }

    @Test
    void semverTakesTheHighestInsideTheConstraintWithoutPreReleases() {
        assertThat(select(image("team/app", "", UpdateStrategy.SEMVER, null, List.of(), List.of()), "1.0.0"))
                .isEqualTo(new TagSelection("1.0.0", "2.1.0", true, ""));
        assertThat(select(image("team/app", "~1", UpdateStrategy.SEMVER, null, List.of(), List.of()), "1.0.0"))
                .isEqualTo(new TagSelection("1.0.0", "1.2.0", true, ""));
        assertThat(select(image("team/app", ">=2.0.0-0", UpdateStrategy.SEMVER, null, List.of(), List.of()), "1.0.0")
                .newest()).isEqualTo("2.1.0");
        assertThat(select(image("team/app", "1.2.x", UpdateStrategy.SEMVER, null, List.of(), List.of()), "1.2.0"))
                .isEqualTo(new TagSelection("1.2.0", "1.2.0", false, "up to date"));
        assertThat(select(image("team/app", "", UpdateStrategy.SEMVER, null, List.of("2.*"), List.of()), "1.0.0")
                .newest()).as("ignore-tags").isEqualTo("1.2.0");
    }

    @Test
    void neverDowngrades() {
        TagSelection s = select(image("team/app", "~1", UpdateStrategy.SEMVER, null, List.of(), List.of()), "3.0.0");
        assertThat(s.update()).isFalse();
        assertThat(s.reason()).isEqualTo("current 3.0.0 is newer than the newest allowed tag 1.2.0; not downgrading");
        TagSelection a = select(image("team/app", "", UpdateStrategy.ALPHABETICAL, "^nightly-.*", List.of(), List.of()),
                "nightly-20991231");
        assertThat(a.update()).isFalse();
        assertThat(a.reason()).contains("not downgrading");
    }

    @Test
    void newestBuildReadsCreationDatesAndAlphabeticalSortsNames() {
        assertThat(select(image("team/app", "", UpdateStrategy.NEWEST_BUILD, "^[0-9.]+$", List.of(), List.of()),
                "1.0.0")).isEqualTo(new TagSelection("1.0.0", "1.1.0", true, ""));
        assertThat(select(image("team/app", "", UpdateStrategy.ALPHABETICAL, "^nightly-.*", List.of(), List.of()),
                "nightly-20260301")).isEqualTo(new TagSelection("nightly-20260301", "nightly-20260302", true, ""));
    }

    @Test
    void digestFollowsAMutableTag() {
        TagSelection s = select(image("team/app", "latest", UpdateStrategy.DIGEST, null, List.of(), List.of()),
                "latest@sha256:0000");
        assertThat(s).isEqualTo(new TagSelection("latest@sha256:0000", "latest@" + latestDigest, true, ""));
        assertThat(select(image("team/app", "latest", UpdateStrategy.DIGEST, null, List.of(), List.of()),
                "latest@" + latestDigest).update()).isFalse();
    }

    @Test
    void platformsFilterIndexes() {
        assertThat(select(image("team/multi", "", UpdateStrategy.SEMVER, null, List.of(), List.of("linux/arm64")),
                "1.0.0")).isEqualTo(new TagSelection("1.0.0", "1.0.0", false, "up to date"));
        assertThat(select(image("team/multi", "", UpdateStrategy.SEMVER, null, List.of(), List.of("linux/amd64")),
                "1.0.0").newest()).isEqualTo("1.1.0");
        TagSelection none = select(image("team/multi", "", UpdateStrategy.SEMVER, null, List.of(),
                List.of("windows/amd64")), "1.0.0");
        assertThat(none.update()).isFalse();
        assertThat(none.reason()).contains("no tag of " + registry.host() + "/team/multi qualifies");
    }

    @Test
    void anUnknownRepositoryIsAnError() {
        assertThatThrownBy(() -> select(image("team/none", "", UpdateStrategy.SEMVER, null, List.of(), List.of()), "1"))
                .isInstanceOf(ImageUpdateException.class).hasMessageContaining("404");
    }
}
