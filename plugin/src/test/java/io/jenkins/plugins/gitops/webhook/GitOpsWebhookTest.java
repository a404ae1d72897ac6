package io.jenkins.plugins.gitops.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import io.jenkins.plugins.gitops.config.GitOpsConfiguration;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The webhook endpoint answers providers without a crumb or login, and checks the shared secret. */
@WithJenkins
class GitOpsWebhookTest {

    static final String PUSH = """
            {"ref":"refs/heads/main","after":"1a2b3c4d5e6f","repository":{"html_url":"https://github.com/acme/shop",
            "clone_url":"https://github.com/acme/shop.git","default_branch":"main"},"commits":[]}
            """;

    static WebResponse post(JenkinsRule j, String body, String signature) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(new URL(j.getURL(), "gitops-webhook/"), HttpMethod.POST);
        request.setAdditionalHeader("X-GitHub-Event", "push");
        request.setAdditionalHeader("Content-Type", "application/json");
        if (signature != null) {
            request.setAdditionalHeader("X-Hub-Signature-256", signature);
        }
        request.setRequestBody(body);
        return wc.getPage(request).getWebResponse();
    }

    static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder("sha256=");
        for (byte b : mac.doFinal(body.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Test
    void anUnsignedPushIsAcceptedWhenNoSecretIsConfigured(JenkinsRule j) throws Exception {
        WebResponse r = post(j, PUSH, null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getContentAsString()).contains("push to").contains("refreshing no application");
    }

    @Test
    void withASecretOnlyCorrectlySignedPushesPass(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "gh-hook", "", Secret.fromString("topsecret")));
        GitOpsConfiguration.get().setGithubWebhookSecretId("gh-hook");

        WebResponse unsigned = post(j, PUSH, null);
        assertThat(unsigned.getStatusCode()).isEqualTo(401);
        assertThat(unsigned.getContentAsString()).doesNotContain("topsecret");

        assertThat(post(j, PUSH, sign("wrong", PUSH)).getStatusCode()).isEqualTo(401);
        assertThat(post(j, PUSH, sign("topsecret", PUSH)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aMissingSecretCredentialFailsClosed(JenkinsRule j) throws Exception {
        GitOpsConfiguration.get().setGithubWebhookSecretId("deleted-credential");
        WebResponse r = post(j, PUSH, null);
        assertThat(r.getStatusCode()).isEqualTo(503);
        assertThat(r.getContentAsString()).contains("misconfigured");
    }
}
