package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import org.junit.jupiter.api.Test;

class JqPathExpressionTest {

    private static ObjectNode tree(String yaml) throws Exception {
        return (ObjectNode) Yaml.YAML.readTree(yaml);
    }

    @Test
    void deletesEveryConcretePathTheExpressionSelects() throws Exception {
        ObjectNode deploy = tree("""
                spec:
                  template:
                    spec:
                      containers:
                        - {name: a, image: x, env: [{name: A}, {name: B}, {name: C}]}
                        - {name: sidecar, image: y}
                        - {name: b, image: z, env: [{name: B}]}
                """);
        new JqPathExpression(".spec.template.spec.containers[] | select(.name == \"sidecar\") | .image")
                .deleteFrom(deploy);
        new JqPathExpression(".spec.template.spec.containers[].env[]? | select(.name == \"A\" or .name == \"C\")")
                .deleteFrom(deploy);

        assertThat(deploy.at("/spec/template/spec/containers/1").toString()).isEqualTo("{\"name\":\"sidecar\"}");
        assertThat(deploy.at("/spec/template/spec/containers/0/env").toString()).isEqualTo("[{\"name\":\"B\"}]");
        assertThat(deploy.at("/spec/template/spec/containers/2/env").toString()).isEqualTo("[{\"name\":\"B\"}]");
        assertThat(deploy.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("x");
    }

    @Test
    void selectsNothingWhenTheDataIsNotThere() throws Exception {
        ObjectNode obj = tree("spec: {replicas: 2}");
        new JqPathExpression(".spec.template.spec.initContainers[] | .image").deleteFrom(obj);
        assertThat(obj.toString()).isEqualTo("{\"spec\":{\"replicas\":2}}");
    }

    @Test
    void invalidJqNamesTheExpression() {
        assertThatThrownBy(() -> new JqPathExpression(".spec.containers[ | .image"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'.spec.containers[ | .image'")
                .hasMessageContaining("not a valid jq expression");
    }

    @Test
    void anExpressionThatIsNotAPathNamesTheExpression() throws Exception {
        JqPathExpression notAPath = new JqPathExpression(".spec.replicas + 1");
        ObjectNode obj = tree("spec: {replicas: 2}");
        assertThatThrownBy(() -> notAPath.deleteFrom(obj))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'.spec.replicas + 1' is not a path expression");
    }

    @Test
    void refusesToIgnoreTheWholeObject() throws Exception {
        JqPathExpression all = new JqPathExpression(".");
        assertThatThrownBy(() -> all.deleteFrom(tree("a: 1")))
                .hasMessageContaining("'.' selects the whole object");
    }
}
