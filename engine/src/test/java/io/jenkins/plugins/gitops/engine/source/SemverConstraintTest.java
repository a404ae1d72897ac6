package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverConstraintTest {

    private static final List<String> TAGS = List.of(
            "v0.9.0", "1.0.0", "v1.0.1", "v1.1.0", "v1.2.0-rc.1", "v1.2.0", "v1.2.5", "1.3", "v2.0.0-alpha", "v2.0.0",
            "v2.1.0-beta.2", "latest", "release-1.4");

    @ParameterizedTest(name = "{0} picks {1}")
    @CsvSource(nullValues = "none", value = {
        "1.2.*,                 v1.2.5",
        "v1.2.*,                v1.2.5",
        "1.2.x,                 v1.2.5",
        "'>=1.0.0 <2.0.0',      1.3",
        "'>=1.0.0, <2.0.0',     1.3",
        "'>= 1.0.0 < 1.2.0',    v1.1.0",
        "~1.0,                  v1.0.1",
        "~>1.0,                 v1.0.1",
        "~1,                    1.3",
        "^1.0,                  1.3",
        "^0.9,                  v0.9.0",
        "'*',                   v2.0.0",
        "'<1.0.0 || ~1.2',      v1.2.5",
        "'1.0.0 - 1.1.0',       v1.1.0",
        "'!=2.0.0, >=1.0',      1.3",
        "=v1.0.1,               v1.0.1",
        "'>2.0.0',              none",
        // pre-releases: only comparators that carry a pre-release admit them (Masterminds semver v3)
        "*-0,                   v2.1.0-beta.2",
        "'>=2.0.0-0',           v2.1.0-beta.2",
        "'>=1.2.0-0 <1.2.1-0',  v1.2.0",
        "'>=1.2.0-0 <1.2.0',    none",
        "'~1.2.0-0',            v1.2.5",
        "'>=2.0.0-0 <2.0.0-0 || 2.0.*-0', v2.0.0",
    })
    void picksTheHighestMatchingTag(String constraint, String expected) {
        SemverConstraint parsed = SemverConstraint.parse(constraint).orElseThrow();

        assertThat(parsed.highest(TAGS).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "v1.2.3", "v1.2", "3", "1.0.0-rc.1", "main", "feature/x", "HEAD", "release-1.4",
        "abc1234", "refs/tags/v1", "", " ", ">", "1.2.3.4", "~", ">=1.0 <", "1.* || main"})
    void pinsAndNamesAreNotConstraints(String text) {
        assertThat(SemverConstraint.parse(text)).isEmpty();
    }

    @Test
    void preReleaseAdmittedOnlyByComparatorsWithPreRelease() {
        SemverConstraint stable = SemverConstraint.parse(">=1.0.0").orElseThrow();
        SemverConstraint withPre = SemverConstraint.parse(">=1.0.0-0").orElseThrow();

        assertThat(stable.matches("v1.5.0-rc.1")).isFalse();
        assertThat(stable.matches("v1.5.0")).isTrue();
        assertThat(withPre.matches("v1.5.0-rc.1")).isTrue();
        assertThat(withPre.matches("0.9.0")).isFalse();
    }

    @Test
    void equalVersionsKeepTheFirstTag() {
        SemverConstraint any = SemverConstraint.parse("^1").orElseThrow();

        assertThat(any.highest(List.of("v1.2.0", "1.2.0"))).contains("v1.2.0");
        assertThat(any.highest(List.of("1.2", "v1.2.0"))).contains("1.2");
    }

    @Test
    void tagVersionsAreReadLoosely() {
        assertThat(TagVersion.parse("v1.2")).hasValueSatisfying(v -> assertThat(v.getVersion()).isEqualTo("1.2.0"));
        assertThat(TagVersion.parse("V3")).hasValueSatisfying(v -> assertThat(v.getVersion()).isEqualTo("3.0.0"));
        assertThat(TagVersion.parse("1.2.3-rc.1+build.5"))
                .hasValueSatisfying(v -> assertThat(v.getPreRelease()).containsExactly("rc", "1"));
        assertThat(TagVersion.parse("release-1.2")).isEmpty();
        assertThat(TagVersion.parse("99999999999999999999.0.0")).isEmpty();
    }
}
