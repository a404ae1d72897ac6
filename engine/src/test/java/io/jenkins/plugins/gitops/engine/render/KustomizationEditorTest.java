package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KustomizationEditorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nginx:1.27                               | {\"name\":\"nginx\",\"newTag\":\"1.27\"}",
        "nginx=registry.example.com:5000/nginx:2  | {\"name\":\"nginx\",\"newName\":\"registry.example.com:5000/nginx\",\"newTag\":\"2\"}",
        "nginx=mirror/nginx                       | {\"name\":\"nginx\",\"newName\":\"mirror/nginx\"}",
        "nginx@sha256:abc                         | {\"name\":\"nginx\",\"digest\":\"sha256:abc\"}",
        "registry:5000/app                        | {\"name\":\"registry:5000/app\"}",
    })
    void setImageAddsEntriesLikeKustomizeEdit(String arg, String expected) throws Exception {
        ArrayNode images = Yaml.JSON.createArrayNode();
        KustomizationEditor.setImage(images, arg, "k.yaml");
        assertThat(images.get(0)).isEqualTo(Yaml.JSON.readTree(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nginx:1.27        | {\"name\":\"nginx\",\"newName\":\"mirror/nginx\",\"newTag\":\"1.27\"}",
        "nginx@sha256:beef | {\"name\":\"nginx\",\"newName\":\"mirror/nginx\",\"digest\":\"sha256:beef\"}",
    })
    void setImageUpdatesAnExistingEntry(String arg, String expected) throws Exception {
        ArrayNode images = (ArrayNode) Yaml.JSON.readTree("[{\"name\":\"nginx\",\"newName\":\"mirror/nginx\","
                + "\"newTag\":\"1.0\"}]");
        KustomizationEditor.setImage(images, arg, "k.yaml");
        assertThat(images).hasSize(1);
        assertThat(images.get(0)).isEqualTo(Yaml.JSON.readTree(expected));
    }
}
