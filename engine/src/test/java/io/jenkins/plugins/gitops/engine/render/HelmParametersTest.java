package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelmParametersTest {

    @Test
    void parsesDottedPathsWithEscapesAndIndexes() {
        assertThat(HelmParameters.parsePath("a.b\\.c[0][2].d")).isEqualTo(List.of("a", "b.c", 0, 2, "d"));
        assertThatThrownBy(() -> HelmParameters.parsePath("a..b")).hasMessageContaining("'a..b': empty key");
        assertThatThrownBy(() -> HelmParameters.parsePath("a[x]")).hasMessageContaining("is not a list index");
        assertThatThrownBy(() -> HelmParameters.parsePath("a[-1]")).hasMessageContaining("out of range");
    }

    @Test
    void typesValuesLikeHelmSet() {
        assertThat(HelmParameters.typed("TRUE", false).isBoolean()).isTrue();
        assertThat(HelmParameters.typed("null", false).isNull()).isTrue();
        assertThat(HelmParameters.typed("42", false).isLong()).isTrue();
        assertThat(HelmParameters.typed("0", false).isLong()).isTrue();
        assertThat(HelmParameters.typed("007", false).isTextual()).isTrue();
        assertThat(HelmParameters.typed("1.5", false).isTextual()).isTrue();
        assertThat(HelmParameters.typed("42", true).isTextual()).isTrue();
    }

    @Test
    void buildsTheTreeForStringsListsAndFilesAndLeavesPlainScalarsToHelm() {
        HelmParameters p = new HelmParameters();
        p.set("image.tag", "1.10", true);
        p.set("hosts", "{a.example.com,b\\,c}", false);
        p.set("ports[1].port", "{80,443}", false);
        p.set("replicas", "3", false);
        p.set("note", "a\\,b", false);
        p.setFile("config", "key: value\n");
        assertThat(Yaml.json(p.tree())).isEqualToIgnoringWhitespace("""
                {"image":{"tag":"1.10"},"hosts":["a.example.com","b,c"],"ports":[null,{"port":[80,443]}],
                 "config":"key: value\\n"}""");
        assertThat(p.direct()).containsExactly(java.util.Map.entry("replicas", "3"),
                java.util.Map.entry("note", "a,b"));
    }
}
