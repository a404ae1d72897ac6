package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*.yaml               | deploy.yaml          | true",
        "*.yaml               | sub/deploy.yaml      | true",
        "*.yaml               | deploy.yml           | false",
        "{*.yml,*.yaml}       | a.yml                | true",
        "{*.yml,*.yaml}       | a.json               | false",
        "sub/{a,b}.yaml       | sub/b.yaml           | true",
        "sub/{a,b}.yaml       | sub/c.yaml           | false",
        "**/*.json            | x/y/z.json           | true",
        "config-?.yaml        | config-1.yaml        | true",
        "config-?.yaml        | config-10.yaml       | false",
        "[!s]*.yaml           | secret.yaml          | false",
        "[!s]*.yaml           | config.yaml          | true",
        "[a-c]*.yaml          | b.yaml               | true",
        "a\\*.yaml            | a*.yaml              | true",
        "a\\*.yaml            | ab.yaml              | false",
        "deploy.yaml          | deploy.yaml          | true",
        "deploy.yaml          | deployXyaml          | false",
        "{prod/*,shared/*}    | prod/a/b.yaml        | true",
    })
    void matchesLikeArgoCdGlobs(String glob, String path, boolean expected) {
        assertThat(GlobPattern.compile(glob, "include").matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{a,b", "[abc", "x\\"})
    void malformedGlobsAreErrorsNamingTheField(String glob) {
        assertThatThrownBy(() -> GlobPattern.compile(glob, "exclude"))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("directory.exclude '" + glob + "' is not a valid glob");
    }
}
