package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import org.junit.jupiter.api.Test;

class FieldSetTest {

    private static final String MANAGED_FIELDS = """
            - manager: other
              fieldsV1:
                f:spec:
                  f:paused: {}
            - manager: trusted
              operation: Update
              fieldsV1:
                f:metadata:
                  f:finalizers:
                    v:"example.com/cleanup": {}
                  f:labels:
                    .: {}
                    f:owner: {}
                f:spec:
                  f:replicas: {}
                  f:template:
                    f:spec:
                      f:containers:
                        k:{"name":"web"}:
                          .: {}
                          f:name: {}
                          f:image: {}
                          f:ports:
                            k:{"containerPort":53,"protocol":"UDP"}:
                              .: {}
                              f:containerPort: {}
                              f:protocol: {}
                            k:{"containerPort":80,"protocol":"TCP"}: {}
                      f:tolerations:
                        i:1:
                          f:effect: {}
            - manager: trusted
              operation: Apply
              fieldsV1:
                f:spec:
                  f:minReadySeconds: {}
            """;

    private static JsonNode yaml(String text) throws Exception {
        return Yaml.YAML.readTree(text);
    }

    @Test
    void removesTheFieldsOfTheNamedManagersOnly() throws Exception {
        ObjectNode obj = (ObjectNode) yaml("""
                metadata:
                  finalizers: [example.com/cleanup, kubernetes.io/keep]
                  labels: {owner: team-a, app: web}
                spec:
                  paused: true
                  replicas: 5
                  minReadySeconds: 10
                  template:
                    spec:
                      containers:
                        - name: web
                          image: nginx
                          command: [nginx]
                          ports:
                            - {containerPort: 80}
                            - {containerPort: 53, protocol: UDP, name: dns}
                            - {containerPort: 53, protocol: TCP}
                      tolerations:
                        - {key: a, effect: NoSchedule}
                        - {key: b, effect: NoExecute}
                """);
        FieldSet.ofManagers((ArrayNode) yaml(MANAGED_FIELDS), "trusted"::equals).removeFrom(obj);

        assertThat(obj.at("/metadata/finalizers").toString()).isEqualTo("[\"kubernetes.io/keep\"]");
        assertThat(obj.at("/metadata/labels").toString()).isEqualTo("{\"app\":\"web\"}");
        assertThat(obj.at("/spec").has("paused")).as("owned by another manager").isTrue();
        assertThat(obj.at("/spec").has("replicas")).isFalse();
        assertThat(obj.at("/spec").has("minReadySeconds")).as("entries of one manager are merged").isFalse();
        JsonNode web = obj.at("/spec/template/spec/containers/0");
        assertThat(web.get("name").asText()).as("key fields stay so the element still matches").isEqualTo("web");
        assertThat(web.has("image")).isFalse();
        assertThat(web.get("command").toString()).isEqualTo("[\"nginx\"]");
        assertThat(web.get("ports").toString()).as("TCP default matches; UDP port keeps its key and unowned name")
                .isEqualTo("[{\"containerPort\":53,\"protocol\":\"UDP\",\"name\":\"dns\"},"
                        + "{\"containerPort\":53,\"protocol\":\"TCP\"}]");
        assertThat(obj.at("/spec/template/spec/tolerations").toString())
                .isEqualTo("[{\"key\":\"a\",\"effect\":\"NoSchedule\"},{\"key\":\"b\"}]");
    }

    @Test
    void answersOwnershipForFieldsAndKeyedElements() throws Exception {
        Ownership own = FieldSet.ofManagers((ArrayNode) yaml(MANAGED_FIELDS), "trusted"::equals)
                .ownership("owned by trusted");
        JsonNode udp = yaml("{containerPort: 53, protocol: UDP}");
        JsonNode ports = yaml("[{containerPort: 53, protocol: UDP}]");
        ListKey key = ListKey.forList("ports", ports, ports);
        Ownership container = own.field("spec").field("template").field("spec").field("containers")
                .element(yaml("{name: web}"), 0, ListKey.forList("containers", yaml("[]"), yaml("[]")));

        assertThat(own.field("spec").field("replicas").owned()).isTrue();
        assertThat(own.field("spec").field("replicas").whole()).isTrue();
        assertThat(own.field("spec").field("paused").owned()).isFalse();
        assertThat(container.field("image").owned()).isTrue();
        assertThat(container.field("imagePullPolicy").owned()).isFalse();
        assertThat(container.field("ports").element(udp, 0, key).owned()).isTrue();
        assertThat(container.field("ports").element(yaml("{containerPort: 8080}"), 1, key).owned()).isFalse();
        assertThat(own.source()).isEqualTo("owned by trusted");
    }

    @Test
    void noEntriesMeansNoOwnership() throws Exception {
        FieldSet none = FieldSet.ofManagers((ArrayNode) yaml(MANAGED_FIELDS), "nobody"::equals);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.ownership("x")).isSameAs(Ownership.NONE);
    }
}
