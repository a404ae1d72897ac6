package io.jenkins.plugins.gitops.engine.sync.run;

import static io.jenkins.plugins.gitops.engine.sync.run.SyncOperationTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import org.junit.jupiter.api.Test;

/** Whose fields a write took, from managedFields before and after (the shapes a real API server writes). */
class FieldTakeoverTest {

    static KubeObject deployment(String uid, String managedFields) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  uid: %s
                  managedFields: %s
                """.formatted(uid, managedFields));
    }

    static final String BEFORE = """
            [{manager: gitops-sync, operation: Apply, fieldsV1: {"f:spec": {"f:template": {"f:spec": {"f:containers":
              {"k:{\\"name\\":\\"web\\"}": {".": {}, "f:image": {}}}}}}}},
             {manager: kubectl, operation: Update, subresource: scale, fieldsV1: {"f:spec": {"f:replicas": {}}}},
             {manager: kubectl-edit, operation: Update, fieldsV1: {"f:metadata": {"f:labels": {"f:team": {}}}}}]
            """;

    @Test
    void fieldsThatLeftAnotherManagersSetWereTaken() {
        KubeObject after = deployment("u1", """
                [{manager: gitops-sync, operation: Apply, fieldsV1: {"f:spec": {"f:replicas": {}}}},
                 {manager: kubectl-edit, operation: Update, fieldsV1: {"f:metadata": {"f:labels": {"f:team": {}}}}}]
                """);

        FieldTakeover taken = FieldTakeover.between(deployment("u1", BEFORE), after, "gitops-sync");

        assertThat(taken.describe()).isEqualTo("took spec.replicas from kubectl (subresource scale)");
        assertThat(taken.managers()).containsExactly("kubectl (subresource scale)");
    }

    @Test
    void listElementsAreNamedByTheirKey() {
        KubeObject before = deployment("u1", """
                [{manager: kubectl-set, operation: Update, fieldsV1: {"f:spec": {"f:template": {"f:spec":
                  {"f:containers": {"k:{\\"name\\":\\"web\\"}": {"f:image": {}}}}}}}}]
                """);
        KubeObject after = deployment("u1", "[]");

        assertThat(FieldTakeover.between(before, after, "gitops-sync").describe())
                .isEqualTo("took spec.template.spec.containers[name=web].image from kubectl-set");
    }

    @Test
    void nothingIsTakenFromANewOrRecreatedObject() {
        KubeObject after = deployment("u2", "[]");

        assertThat(FieldTakeover.between(null, after, "gitops-sync").isEmpty()).isTrue();
        assertThat(FieldTakeover.between(deployment("u1", BEFORE), after, "gitops-sync").isEmpty()).isTrue();
        assertThat(FieldTakeover.between(deployment("u1", BEFORE), deployment("u1", BEFORE), "gitops-sync")
                .describe()).isEmpty();
    }
}
