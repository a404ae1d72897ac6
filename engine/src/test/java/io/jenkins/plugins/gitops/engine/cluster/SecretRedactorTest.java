package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.KubeObject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @Test
    void masksRegisteredLiteralsAndIgnoresShortOnes() {
        SecretRedactor r = SecretRedactor.of(Arrays.asList("s3cr3t-token", "abc", null, "  "));

        assertThat(r.redact("denied for s3cr3t-token (abc)")).isEqualTo("denied for *** (abc)");
        assertThat(r.redact(null)).isNull();
    }

    @Test
    void masksSecretShapesEvenWhenTheLiteralIsUnknown() {
        SecretRedactor r = SecretRedactor.SHAPES_ONLY;

        assertThat(r.redact("Authorization: Bearer eyJhbGciOi.abc.def failed"))
                .isEqualTo("Authorization: Bearer *** failed");
        assertThat(r.redact("sent bearer eyJhbGciOiJSUzI1NiJ9xyz")).isEqualTo("sent bearer ***");
        assertThat(r.redact("url?token=abcdef&x=1")).isEqualTo("url?token=***&x=1");
        assertThat(r.redact("password: hunter22")).isEqualTo("password: ***");
        assertThat(r.redact("{\"token\":\"abcdef\",\"kind\":\"X\"}")).isEqualTo("{\"token\":\"***\",\"kind\":\"X\"}");
        assertThat(r.redact("ConfigMap shop/settings already exists")).isEqualTo("ConfigMap shop/settings already exists");
    }

    @Test
    void aSecretsValuesAreMaskedPlainAndBase64() {
        KubeObject secret = ClientSideApplierTest.yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db, namespace: shop}
                data: {password: aHVudGVyMjI=}
                stringData: {apiKey: key-123456}
                """);
        SecretRedactor r = SecretRedactor.of(List.of()).with(secret);

        assertThat(r.redact("aHVudGVyMjI= hunter22 key-123456 a2V5LTEyMzQ1Ng== db"))
                .isEqualTo("*** *** *** *** db");
    }

    @Test
    void otherKindsAddNothing() {
        KubeObject cm = ClientSideApplierTest.configMap("turquoise");

        assertThat(SecretRedactor.SHAPES_ONLY.with(cm).redact("color turquoise")).isEqualTo("color turquoise");
        assertThat(SecretRedactor.SHAPES_ONLY.with(null).redact("x")).isEqualTo("x");
    }
}
