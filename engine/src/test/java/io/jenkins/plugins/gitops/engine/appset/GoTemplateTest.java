package io.jenkins.plugins.gitops.engine.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTemplateTest {

    private static final Map<String, Object> DATA = data();

    private static Map<String, Object> data() {
        Map<String, Object> path = new LinkedHashMap<>();
        path.put("path", "apps/Guest_Book");
        path.put("basename", "Guest_Book");
        path.put("segments", List.of("apps", "Guest_Book"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "Web-App");
        d.put("path", path);
        d.put("replicas", 3L);
        d.put("ratio", 1.5);
        d.put("enabled", true);
        d.put("empty", "");
        d.put("tags", List.of("a", "b"));
        d.put("labels", Map.of("env", "prod"));
        return d;
    }

    private static String run(String template, boolean missingKeyError) {
        return GoTemplate.parse(template).execute(DATA, missingKeyError);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
        "{{.name}} => Web-App",
        "{{ .path.basename }} => Guest_Book",
        "{{.path.basename | lower}} => guest_book",
        "{{ .path.basename | normalize }} => guest-book",
        "{{ upper .name }} => WEB-APP",
        "{{ .name | replace \"-\" \"_\" | lower }} => web_app",
        "{{ .missing | default \"fallback\" }} => fallback",
        "{{ .empty | default \"fallback\" }} => fallback",
        "{{ default \"x\" .name }} => Web-App",
        "{{ .name | quote }} => \"Web-App\"",
        "{{ .name | trunc 3 }} => Web",
        "{{ trunc -3 .name }} => App",
        "{{ index .path.segments 1 }} => Guest_Book",
        "{{ index .labels \"env\" }} => prod",
        "{{ .replicas }}/{{ .ratio }}/{{ .enabled }} => 3/1.5/true",
        "{{ .tags }} => [a b]",
        "{{ join \",\" .tags }} => a,b",
        "{{ len .tags }} => 2",
        "{{ printf \"%s-%d\" .name .replicas }} => Web-App-3",
        "{{ if eq .labels.env \"prod\" }}P{{ else }}N{{ end }} => P",
        "{{ if gt .replicas 5 }}big{{ else if gt .replicas 2 }}mid{{ else }}small{{ end }} => mid",
        "{{ if and .enabled (not .empty) }}yes{{ end }} => yes",
        "{{ with .labels }}{{ .env }}{{ end }} => prod",
        "{{ range .tags }}[{{ . }}]{{ end }} => [a][b]",
        "{{ range .nothing }}x{{ else }}none{{ end }} => none",
        "a {{- \" b \" -}} c => a b c",
        "{{/* a comment */}}x => x",
        "{{ $.name }} => Web-App",
        "{{ \"}}\" }} => }}",
        "{{ .path.path | trimPrefix \"apps/\" }} => Guest_Book",
    })
    void rendersTheSupportedSubset(String template, String expected) {
        assertThat(run(template, false)).isEqualTo(expected);
    }

    @Test
    void missingKeyPrintsNoValueByDefaultAsGoDoes() {
        assertThat(run("x-{{ .region }}", false)).isEqualTo("x-<no value>");
    }

    @Test
    void missingKeyIsAnErrorNamingTheKeyWithMissingkeyError() {
        assertThatThrownBy(() -> run("regions/{{ .region }}", true))
                .isInstanceOf(TemplateException.class)
                .hasMessage("failed to execute go template regions/{{ .region }}: map has no entry for key "
                        + "\"region\" (at <.region>)");
        assertThatThrownBy(() -> run("{{ .path.nope }}", true))
                .hasMessageContaining("map has no entry for key \"nope\"");
    }

    @Test
    void fieldOfAMissingValueIsAlwaysAnError() {
        assertThatThrownBy(() -> run("{{ .cluster.name }}", false))
                .hasMessageContaining("nil pointer evaluating .cluster.name (.cluster has no value)");
        assertThatThrownBy(() -> run("{{ .name.first }}", false))
                .hasMessageContaining("can't evaluate field first in type string");
    }

    @Test
    void parseErrorsAreNamed() {
        assertThatThrownBy(() -> GoTemplate.parse("{{ .name | shout }}"))
                .hasMessage("failed to parse template {{ .name | shout }}: function \"shout\" not defined");
        assertThatThrownBy(() -> GoTemplate.parse("{{ if .x }}no end"))
                .hasMessageContaining("missing {{end}}");
        assertThatThrownBy(() -> GoTemplate.parse("{{ .name ")).hasMessageContaining("unclosed action");
        assertThatThrownBy(() -> GoTemplate.parse("{{ end }}")).hasMessageContaining("unexpected {{end}}");
        assertThatThrownBy(() -> GoTemplate.parse("{{ $x := 1 }}"))
                .hasMessageContaining("variable declarations are not supported");
    }

    @Test
    void wrongArgumentCountIsAnError() {
        assertThatThrownBy(() -> run("{{ lower .name .name }}", false))
                .hasMessageContaining("error calling lower: wrong number of args for lower: want 1 got 2");
    }
}
