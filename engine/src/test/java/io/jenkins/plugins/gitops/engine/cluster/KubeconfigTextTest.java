package io.jenkins.plugins.gitops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link KubeconfigText} makes the client configuration fabric8's {@code Config.fromKubeconfig} makes from the same
 * text: every property with a plain value (server, namespace, certificates, keys and their algorithm, token, user and
 * password, auth provider, proxy, TLS checks, context) is compared, for the fixtures in {@code kubeconfig-text/}.
 */
class KubeconfigTextTest {

    @ParameterizedTest(name = "{0}, context {1}")
    @CsvSource(nullValues = "-", value = {
            "client-certificate.yaml, -",
            "token-insecure.yaml, -",
            "several-contexts.yaml, -",
            "several-contexts.yaml, two",
            "several-contexts.yaml, ''"})
    @SuppressWarnings("removal")
    void makesTheConfigFabric8Makes(String fixture, String context) throws IOException {
        String text = fixture(fixture);

        Config ours = KubeconfigText.config(text, context);
        Config fabric8 = Config.fromKubeconfig(context == null || context.isBlank() ? null : context, text, null);

        Map<String, Object> expected = properties(fabric8);
        assertThat(properties(ours)).isEqualTo(expected);
        assertThat(expected).containsKey("getMasterUrl").containsKey("getCurrentContext");
    }

    @Test
    void readsTheValuesOfTheCurrentContext() throws IOException {
        Config c = KubeconfigText.config(fixture("several-contexts.yaml"), null);
        assertThat(c.getMasterUrl()).isEqualTo("https://one.example.com/");
        assertThat(c.getNamespace()).isEqualTo("first");
        assertThat(c.getUsername()).isEqualTo("alice");
        assertThat(c.getCaCertFile()).isEqualTo("/etc/one/ca.crt");
        Config two = KubeconfigText.config(fixture("several-contexts.yaml"), "two");
        assertThat(two.getMasterUrl()).isEqualTo("http://two.example.com:8080/");
        assertThat(two.getAuthProvider().getName()).isEqualTo("oidc");
    }

    /** What our mapper refuses goes to fabric8, which reports it as before. */
    @Test
    @SuppressWarnings("removal")
    void textOurMapperRefusesIsLeftToFabric8() {
        String duplicateKeys = "apiVersion: v1\nkind: Config\nkind: Config\n";
        Throwable fabric8 = org.assertj.core.api.Assertions.catchThrowable(
                () -> Config.fromKubeconfig(null, duplicateKeys, null));
        assertThat(fabric8).isNotNull();
        assertThatThrownBy(() -> KubeconfigText.config(duplicateKeys, null)).isInstanceOf(fabric8.getClass())
                .hasMessage(fabric8.getMessage());
        assertThatThrownBy(() -> KubeconfigText.config("", null))
                .hasMessage("Could not create Config from kubeconfig");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = KubeconfigTextTest.class.getResourceAsStream("/kubeconfig-text/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every public getter without parameters whose value is plain (text, number, flag, list of them, model). */
    private static Map<String, Object> properties(Config c) {
        Map<String, Object> out = new TreeMap<>();
        for (Method m : Config.class.getMethods()) {
            if (m.getParameterCount() != 0 || !(m.getName().startsWith("get") || m.getName().startsWith("is"))
                    || m.getName().equals("getClass")) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(c);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean
                    || v instanceof java.util.List<?> || v.getClass().getName().startsWith("io.fabric8.kubernetes.api")) {
                out.put(m.getName(), v);
            } else if (v instanceof String[] a) {
                out.put(m.getName(), Arrays.asList(a));
            }
        }
        return out;
    }
}
