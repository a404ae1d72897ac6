package io.jenkins.plugins.gitops.engine.appset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FastTemplateTest {

    private static final Map<String, Object> PARAMS = Map.of(
            "name", "web",
            "path.basename", "guestbook",
            "path[0]", "apps",
            "metadata.labels.env", "prod",
            "count", 3L); // not a string: left alone, as fasttemplate only substitutes strings

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{{name}}                          | web",
        "{{ name }}-{{path.basename}}      | web-guestbook",
        "{{path[0]}}/{{metadata.labels.env}} | apps/prod",
        "{{missing}}-{{ name }}            | {{missing}}-web",
        "{{ other.key }}                   | {{ other.key }}",
        "{{count}}                         | {{count}}",
        "{{}} and {{  }}                   | {{}} and {{  }}",
        "no tags here                      | no tags here",
        "{{name}} {{unterminated           | web {{unterminated",
        "{{{name}}}                        | {{{name}}}", // the tag is '{name', which is no parameter
    })
    void substitutesKnownStringParametersOnly(String template, String expected) {
        assertThat(FastTemplate.render(template, PARAMS)).isEqualTo(expected);
    }
}
