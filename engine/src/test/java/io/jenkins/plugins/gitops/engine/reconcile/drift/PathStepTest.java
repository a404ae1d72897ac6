package io.jenkins.plugins.gitops.engine.reconcile.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathStepTest {

    @Test
    void readsThePathsTheDiffRenders() {
        List<PathStep> steps = PathStep.parse(
                "spec.template.spec.containers[name=web].ports[containerPort=8080,protocol=UDP].args[2]");

        assertThat(steps).extracting(PathStep::kind).containsExactly(PathStep.Kind.FIELD, PathStep.Kind.FIELD,
                PathStep.Kind.FIELD, PathStep.Kind.FIELD, PathStep.Kind.KEY, PathStep.Kind.FIELD, PathStep.Kind.KEY,
                PathStep.Kind.FIELD, PathStep.Kind.INDEX);
        assertThat(steps.get(4).key()).isEqualTo(Map.of("name", "web"));
        assertThat(steps.get(6).key()).isEqualTo(Map.of("containerPort", "8080", "protocol", "UDP"));
        assertThat(steps.get(8).text()).isEqualTo("2");
    }

    @Test
    void readsQuotedNamesWithEscapes() {
        List<PathStep> steps = PathStep.parse("metadata.annotations[\"example.com/say \\\"hi\\\"\"].x");

        assertThat(steps.get(2).kind()).isEqualTo(PathStep.Kind.QUOTED);
        assertThat(steps.get(2).text()).isEqualTo("example.com/say \"hi\"");
        assertThat(steps.get(3).text()).isEqualTo("x");
    }

    @Test
    void keyValuesMayContainCommas() {
        assertThat(PathStep.parse("volumeMounts[mountPath=/data,cache]").get(1).key())
                .isEqualTo(Map.of("mountPath", "/data,cache"));
    }

    @Test
    void rebuildsPrefixesAndReadsTheRoot() {
        List<PathStep> steps = PathStep.parse("spec.containers[name=web].args[1]");

        assertThat(PathStep.prefix(steps, 4)).isEqualTo("spec.containers[name=web].args");
        assertThat(PathStep.prefix(steps, 0)).isEqualTo("(whole object)");
        assertThat(PathStep.parse("(whole object)")).isEmpty();
    }

    @Test
    void badPathsNameThePositionOfTheProblem() {
        assertThatThrownBy(() -> PathStep.parse("spec..replicas"))
                .hasMessage("cannot read field path 'spec..replicas' at position 5: expected a field name");
        assertThatThrownBy(() -> PathStep.parse("metadata.labels[\"team]"))
                .hasMessageContaining("unclosed quoted name");
        assertThatThrownBy(() -> PathStep.parse("spec.args[]")).hasMessageContaining("empty '[]'");
    }
}
