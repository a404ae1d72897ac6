package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.IgnoreDifference;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RespectIgnoreDifferences: which value of an ignored field is applied, by who owns it in the live object. */
class IgnoredFieldsTest {

    static KubeObject object(String yaml) {
        try {
            return new KubeObject((com.fasterxml.jackson.databind.node.ObjectNode) Yaml.YAML.readTree(yaml), "web.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final KubeObject GIT = object("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec: {replicas: 2, paused: false}
            """);

    @ParameterizedTest(name = "live replicas {0} owned by {1} -> applied {2}")
    @CsvSource(nullValues = "none", value = {
            "5, kube-controller-manager, none", // another controller owns it: not sent at all
            "5, gitops-sync, 5",                 // only we own it: sent with the live value, so SSA does not delete it
            "5, none, 5",                        // no managedFields (client-side world): the live value
            "none, none, none"})                 // not in the live object: not sent
    void ignoredFieldsAreLeftToTheirOwner(String liveReplicas, String owner, String applied) {
        String managed = owner == null ? "" : "  managedFields: [{manager: %s, operation: Update, fieldsV1: {\"f:spec\": {\"f:replicas\": {}}}}]\n"
                .formatted(owner);
        KubeObject live = object("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n"
                + managed + "spec: {" + (liveReplicas == null ? "" : "replicas: " + liveReplicas + ", ")
                + "paused: false}\n");
        IgnoredFields fields = new IgnoredFields(List.of(new IgnoreDifference("apps", "Deployment", "", "",
                List.of("/spec/replicas"), List.of(), List.of())));

        KubeObject out = fields.respect(GIT, live);

        assertThat(out.node().at("/spec/replicas").isMissingNode() ? null : out.node().at("/spec/replicas").asText())
                .isEqualTo(applied);
        assertThat(out.node().at("/spec/paused").asBoolean(true)).isFalse();
        assertThat(fields.respect(GIT, null)).as("a new object is created as Git says").isSameAs(GIT);
    }
}
