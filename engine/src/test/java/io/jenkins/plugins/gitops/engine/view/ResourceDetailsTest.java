package io.jenkins.plugins.gitops.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceDetailsTest {

    static KubeObject obj(String yaml) {
        try {
            return KubeObject.of((ObjectNode) Yaml.YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String APP_DIFF = """
            --- live apps/Deployment shop/web
            +++ git apps/Deployment shop/web
            @@ -5,1 +5,1 @@
            -  replicas: 2
            +  replicas: 3
            --- live ConfigMap shop/web-config (not in the cluster)
            +++ git ConfigMap shop/web-config
            @@ -0,0 +1,2 @@
            +data:
            +  greeting: hello
            --- live ConfigMap shop/web
            +++ git ConfigMap shop/web
            @@ -1,1 +1,1 @@
            -a
            +b
            """;

    @Test
    void secretValues_andTheLastAppliedCopyOfThem_areMasked_managedFieldsLeftOut() {
        KubeObject live = obj("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  namespace: shop
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"aHVudGVyMg=="}}'
                    team: payments
                  managedFields: [{manager: kubectl}]
                data: {password: aHVudGVyMg==, user: YWRtaW4=}
                stringData: {token: plain-token}
                """);
        ResourceDetails d = new ResourceDetails(live.key(), live, live, "", List.of());
        assertThat(d.getLiveYaml()).doesNotContain("aHVudGVyMg==").doesNotContain("YWRtaW4=")
                .doesNotContain("plain-token").doesNotContain("managedFields").doesNotContain("kubectl\n")
                .contains("password: " + ResourceDetails.MASK, "user: " + ResourceDetails.MASK,
                        "token: " + ResourceDetails.MASK, "team: payments");
        assertThat(d.getDesiredYaml()).isEqualTo(d.getLiveYaml());
        assertThat(d.isPod()).isFalse();
        assertThat(d.getContainers()).isEmpty();
    }

    @Test
    void otherKinds_keepTheirValues_includingHtmlInAnnotations() {
        KubeObject cm = obj("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                  namespace: shop
                  annotations: {note: '<b>bold</b><script>alert(1)</script>'}
                data: {password: not-a-secret-kind}
                """);
        String yaml = ResourceDetails.manifest(cm);
        assertThat(yaml).contains("password: not-a-secret-kind", "<script>alert(1)</script>");
    }

    @Test
    void diffOfOneResource_isItsSectionOfTheApplicationDiff() {
        assertThat(ResourceDetails.diffOf(APP_DIFF, new ResourceKey("apps", "Deployment", "shop", "web")))
                .isEqualTo("""
                        --- live apps/Deployment shop/web
                        +++ git apps/Deployment shop/web
                        @@ -5,1 +5,1 @@
                        -  replicas: 2
                        +  replicas: 3
                        """);
        assertThat(ResourceDetails.diffOf(APP_DIFF, new ResourceKey("", "ConfigMap", "shop", "web-config")))
                .startsWith("--- live ConfigMap shop/web-config (not in the cluster)\n").contains("+  greeting: hello")
                .doesNotContain("ConfigMap shop/web\n");
        assertThat(ResourceDetails.diffOf(APP_DIFF, new ResourceKey("", "ConfigMap", "shop", "web")))
                .startsWith("--- live ConfigMap shop/web\n").endsWith("+b\n");
        assertThat(ResourceDetails.diffOf(APP_DIFF, new ResourceKey("", "Service", "shop", "web"))).isEmpty();
        assertThat(ResourceDetails.diffOf(null, new ResourceKey("", "Service", "shop", "web"))).isEmpty();
    }

    @Test
    void desiredObject_isFoundWithOrWithoutItsNamespace() {
        KubeObject noNs = obj("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}}");
        KubeObject otherNs = obj("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: other}}");
        KubeObject cm = obj("{apiVersion: v1, kind: ConfigMap, metadata: {name: web, namespace: shop}}");
        List<KubeObject> desired = List.of(otherNs, noNs, cm);
        assertThat(ResourceDetails.findDesired(desired, new ResourceKey("apps", "Deployment", "shop", "web"), "shop"))
                .isSameAs(noNs);
        assertThat(ResourceDetails.findDesired(desired, new ResourceKey("apps", "Deployment", "other", "web"), "shop"))
                .isSameAs(otherNs);
        assertThat(ResourceDetails.findDesired(desired, new ResourceKey("", "ConfigMap", "shop", "web"), "shop"))
                .isSameAs(cm);
        assertThat(ResourceDetails.findDesired(desired, new ResourceKey("", "Pod", "shop", "web"), "shop")).isNull();
    }

    @Test
    void pods_listTheirInitContainersThenContainers() {
        KubeObject pod = obj("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web-1, namespace: shop}
                spec:
                  initContainers: [{name: migrate, image: x}]
                  containers: [{name: web, image: y}, {name: sidecar, image: z}]
                """);
        ResourceDetails d = new ResourceDetails(pod.key(), pod, null, "", List.of());
        assertThat(d.isPod()).isTrue();
        assertThat(d.getContainers()).containsExactly("migrate", "web", "sidecar");
        assertThat(d.getDesiredYaml()).isEmpty();
    }
}
