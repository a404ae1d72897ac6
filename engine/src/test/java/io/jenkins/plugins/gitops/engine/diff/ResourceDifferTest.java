package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.IgnoreDifference;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceDifferTest {

    private static final ResourceDiffer DEFAULTS = new ResourceDiffer(DiffOptions.defaults());

    static KubeObject obj(String yaml) {
        try {
            return new KubeObject((ObjectNode) Yaml.YAML.readTree(yaml), "test");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KubeObject deployment(String spec) {
        return obj("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                """ + spec.indent(2));
    }

    private static List<String> paths(ResourceDiff d) {
        return d.differences().stream().map(f -> f.path() + " " + f.reason()).toList();
    }

    @Test
    void secretValuesNeverAppearInAnyOutput() {
        KubeObject desired = obj("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: shop}
                stringData: {user: alice-the-admin, pass: correct-horse-battery, same: unchanged-value}
                """);
        KubeObject live = obj("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: shop}
                data: {user: YWxpY2UtdGhlLWFkbWlu, pass: d3JvbmctaG9yc2UtYmF0dGVyeQ==, same: dW5jaGFuZ2VkLXZhbHVl}
                """);
        ResourceDiff d = DEFAULTS.diff(desired, live);

        assertThat(paths(d)).containsExactly("data.pass CHANGED");
        String everything = String.join("\n", d.desiredYaml(), d.liveYaml(), d.unifiedDiff(), d.toString(),
                d.differences().toString());
        for (String secret : List.of("alice-the-admin", "correct-horse-battery", "wrong-horse-battery",
                "unchanged-value", "YWxpY2UtdGhlLWFkbWlu", "d3JvbmctaG9yc2UtYmF0dGVyeQ==", "dW5jaGFuZ2VkLXZhbHVl",
                "Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5")) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(d.unifiedDiff()).contains("-  pass: ++++++++++++\n+  pass: ++++++++\n")
                .contains("\n   same: ++++++++\n   user: ++++++++\n");
        assertThat(d.differences().get(0).detail()).isEqualTo("value hidden");
    }

    @Test
    void aMissingSecretShowsMasksOnly() {
        ResourceDiff d = DEFAULTS.diff(obj("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: shop}
                stringData: {token: super-secret-token}
                """), null);
        assertThat(d.missing()).isTrue();
        assertThat(d.desiredYaml()).contains("token: ++++++++").doesNotContain("super-secret-token")
                .doesNotContain("c3VwZXItc2VjcmV0LXRva2Vu");
    }

    @Test
    void statusIsComparedOnlyWhenAskedTo() {
        KubeObject desired = obj("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                status: {phase: Ready}
                """);
        KubeObject live = obj("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                status: {phase: Pending}
                """);
        assertThat(DEFAULTS.diff(desired, live).syncStatus()).isEqualTo(SyncStatus.Synced);
        ResourceDiff withStatus = new ResourceDiffer(DiffOptions.defaults().withCompareStatus(true)).diff(desired, live);
        assertThat(paths(withStatus)).containsExactly("status.phase CHANGED");
    }

    @Test
    void numbersCompareByValueAndQuotedIntegersInIntegerFieldsAreCoerced() {
        ResourceDiff d = DEFAULTS.diff(
                deployment("replicas: 3.0\ntemplate: {spec: {containers: [{name: a, ports: [{containerPort: '80'}]}]}}"),
                deployment("replicas: 3\ntemplate: {spec: {containers: [{name: a, ports: [{containerPort: 80}]}]}}"));
        assertThat(d.syncStatus()).isEqualTo(SyncStatus.Synced);
        assertThat(d.desiredYaml()).isEqualTo(d.liveYaml());
    }

    @Test
    void aStringWhereTheClusterHasANumberIsExplainedByType() {
        ResourceDiff d = DEFAULTS.diff(
                obj("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: '3'}"),
                obj("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}"));
        assertThat(d.differences()).singleElement().hasToString(
                "spec.size: changed (live 3 (number) -> Git \"3\" (string))");
    }

    @Test
    void keyedListsIgnoreOrderButAtomicListsDoNot() {
        ResourceDiff keyed = DEFAULTS.diff(
                deployment("template: {spec: {containers: [{name: a, image: x}, {name: b, image: y}]}}"),
                deployment("template: {spec: {containers: [{name: b, image: y}, {name: a, image: x}]}}"));
        assertThat(keyed.syncStatus()).isEqualTo(SyncStatus.Synced);

        ResourceDiff atomic = DEFAULTS.diff(
                deployment("template: {spec: {containers: [{name: a, args: [one, two]}]}}"),
                deployment("template: {spec: {containers: [{name: a, args: [two, one]}]}}"));
        assertThat(paths(atomic)).containsExactly(
                "spec.template.spec.containers[name=a].args[0] CHANGED",
                "spec.template.spec.containers[name=a].args[1] CHANGED");
    }

    @Test
    void withoutOwnershipInformationLiveOnlyFieldsAreNeverDrift() {
        ResourceDiff d = DEFAULTS.diff(
                deployment("template: {spec: {containers: [{name: a, env: [{name: A, value: '1'}]}]}}"),
                deployment("paused: true\ntemplate: {spec: {containers: [{name: a, env: [{name: A, value: '1'},"
                        + " {name: B, value: '2'}]}]}}"));
        assertThat(d.syncStatus()).isEqualTo(SyncStatus.Synced);
    }

    @Test
    void replicasScaledByAnHpaAreDriftUntilTheManagerIsTrusted() {
        KubeObject desired = deployment("replicas: 2");
        KubeObject live = obj("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  managedFields:
                    - manager: kube-controller-manager
                      operation: Update
                      subresource: scale
                      fieldsV1: {"f:spec": {"f:replicas": {}}}
                spec: {replicas: 7}
                """);
        assertThat(paths(DEFAULTS.diff(desired, live))).containsExactly("spec.replicas CHANGED");

        IgnoreDifference trustHpa = new IgnoreDifference("apps", "Deployment", "", "", List.of(), List.of(),
                List.of("kube-controller-manager"));
        ResourceDiffer trusting = new ResourceDiffer(DiffOptions.defaults().withIgnoreDifferences(List.of(trustHpa)));
        assertThat(trusting.diff(desired, live).syncStatus()).isEqualTo(SyncStatus.Synced);
    }

    @Test
    void aFieldOwnedByAnotherFieldManagerNameIsNotOurs() {
        KubeObject live = obj("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                  managedFields:
                    - manager: argocd-controller
                      operation: Apply
                      fieldsV1: {"f:data": {"f:old": {}}}
                data: {old: x, kept: y}
                """);
        KubeObject desired = obj("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {kept: y}");
        assertThat(DEFAULTS.diff(desired, live).syncStatus()).isEqualTo(SyncStatus.Synced);
        ResourceDiff asArgo = new ResourceDiffer(DiffOptions.defaults().withFieldManager("argocd-controller"))
                .diff(desired, live);
        assertThat(asArgo.differences()).singleElement().hasToString(
                "data.old: removed from Git (live \"x\"; owned by field manager argocd-controller)");
    }

    @Test
    void invalidIgnoreRulesFailWithTheirText() {
        IgnoreDifference badPointer = new IgnoreDifference("apps", "Deployment", "", "", List.of("spec/replicas"),
                List.of(), List.of());
        IgnoreDifference badJq = new IgnoreDifference("apps", "Deployment", "", "", List.of(),
                List.of(".spec.template.spec.containers[] | select(.name ==)"), List.of());
        assertThatThrownBy(() -> new ResourceDiffer(DiffOptions.defaults().withIgnoreDifferences(List.of(badPointer))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jsonPointers 'spec/replicas'");
        assertThatThrownBy(() -> new AppDiff(DiffOptions.defaults().withIgnoreDifferences(List.of(badJq))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'.spec.template.spec.containers[] | select(.name ==)'");
    }

    @Test
    void identicalYamlThatStillDiffersGetsAnExplanationInsteadOfAnEmptyDiff() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\n";
        List<FieldDifference> diffs = List.of(new FieldDifference("data.x", DifferenceReason.CHANGED, "why"));
        String unified = UnifiedDiff.render("ConfigMap ns/c", yaml, yaml, diffs, true, true);
        assertThat(unified).isEqualTo("""
                --- live ConfigMap ns/c
                +++ git ConfigMap ns/c
                # The normalised YAML is identical, but these fields differ:
                #   data.x: changed (why)
                """);
    }

    @Test
    void needsAtLeastOneSide() {
        assertThatThrownBy(() -> DEFAULTS.diff(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
