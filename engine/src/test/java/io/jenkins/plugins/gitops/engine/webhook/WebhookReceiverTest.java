package io.jenkins.plugins.gitops.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

    static byte[] payload(String name) {
        try (InputStream in = WebhookReceiverTest.class.getResourceAsStream("/webhook/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String githubSignature(String secret, byte[] body) {
        return "sha256=" + HmacSignature.hex(HmacSignature.hmac(secret, body));
    }

    private final WebhookReceiver open = new WebhookReceiver(Map.of());
    private final WebhookReceiver guarded = new WebhookReceiver(Map.of(
            GitProvider.GITHUB, "gh-secret", GitProvider.GITLAB, "gl-token",
            GitProvider.BITBUCKET_SERVER, "bbs-secret", GitProvider.BITBUCKET_CLOUD, "bbc-secret"));

    @Test
    void githubPushIsParsed() {
        WebhookResponse r = open.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push"),
                payload("github-push.json")));
        assertThat(r.status()).isEqualTo(200);
        PushEvent e = r.event().orElseThrow();
        assertThat(e.provider()).isEqualTo(GitProvider.GITHUB);
        assertThat(e.repoUrls()).contains("https://github.com/acme/deploy.git", "git@github.com:acme/deploy.git");
        assertThat(e.revisions()).containsExactly("main");
        assertThat(e.touchedHead()).isTrue();
        assertThat(e.afterSha()).isEqualTo("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
        assertThat(e.changedFiles()).containsExactlyInAnyOrder("apps/legacy/old.yaml", "apps/guestbook/deployment.yaml");
    }

    @Test
    void githubSignatureIsVerified() {
        byte[] body = payload("github-push.json");
        assertThat(guarded.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", githubSignature("gh-secret", body)), body)).status()).isEqualTo(200);
        WebhookResponse wrong = guarded.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", githubSignature("other", body)), body));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).contains("does not match").doesNotContain("gh-secret");
        assertThat(wrong.answer()).isEqualTo("delivery rejected: signature missing or invalid");
        WebhookResponse unsigned = guarded.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push"), body));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.message()).contains("missing X-Hub-Signature-256");
    }

    @Test
    void tamperedBodyFailsSignature() {
        byte[] body = payload("github-push.json");
        String sig = githubSignature("gh-secret", body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("main", "evil").getBytes(StandardCharsets.UTF_8);
        assertThat(guarded.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", sig),
                tampered)).status()).isEqualTo(401);
    }

    @Test
    void githubPingIsAcknowledgedWithoutEvent() {
        WebhookResponse r = open.receive(new WebhookRequest(Map.of("X-GitHub-Event", "ping"), payload("github-ping.json")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.event()).isEmpty();
        assertThat(r.message()).contains("not a push");
    }

    @Test
    void gitlabTokenIsChecked() {
        byte[] body = payload("gitlab-push.json");
        WebhookResponse ok = guarded.receive(new WebhookRequest(Map.of("X-Gitlab-Event", "Push Hook",
                "X-Gitlab-Token", "gl-token"), body));
        assertThat(ok.status()).isEqualTo(200);
        PushEvent e = ok.event().orElseThrow();
        assertThat(e.revisions()).containsExactly("production");
        assertThat(e.touchedHead()).isFalse();
        assertThat(e.changedFiles()).contains("envs/prod/payments/hpa.yaml");
        assertThat(guarded.receive(new WebhookRequest(Map.of("X-Gitlab-Event", "Push Hook",
                "X-Gitlab-Token", "nope"), body)).status()).isEqualTo(401);
    }

    @Test
    void bitbucketCloudAndServerPushes() {
        byte[] cloud = payload("bitbucket-cloud-push.json");
        PushEvent c = guarded.receive(new WebhookRequest(Map.of("X-Event-Key", "repo:push", "X-Hook-UUID", "u-1",
                "X-Hub-Signature", "sha256=" + HmacSignature.hex(HmacSignature.hmac("bbc-secret", cloud))), cloud))
                .event().orElseThrow();
        assertThat(c.provider()).isEqualTo(GitProvider.BITBUCKET_CLOUD);
        assertThat(c.repoUrls()).contains("https://bitbucket.org/acme/infra");
        assertThat(c.revisions()).containsExactly("master");
        assertThat(c.filesKnown()).isFalse();

        byte[] server = payload("bitbucket-server-refs-changed.json");
        WebhookRequest unsigned = new WebhookRequest(Map.of("X-Event-Key", "repo:refs_changed"), server);
        assertThat(guarded.receive(unsigned).status()).isEqualTo(401);
        PushEvent s = guarded.receive(new WebhookRequest(Map.of("X-Event-Key", "repo:refs_changed",
                "X-Hub-Signature", "sha256=" + HmacSignature.hex(HmacSignature.hmac("bbs-secret", server))), server))
                .event().orElseThrow();
        assertThat(s.provider()).isEqualTo(GitProvider.BITBUCKET_SERVER);
        assertThat(s.repoUrls()).contains("https://bitbucket.example.com/scm/ops/cluster-config.git");
        assertThat(s.revisions()).containsExactly("release");
    }

    @Test
    void malformedOversizedAndUnknownDeliveriesGetClearAnswers() {
        assertThat(open.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push"),
                "{not json".getBytes(StandardCharsets.UTF_8))).message()).contains("not valid JSON");
        assertThat(open.receive(new WebhookRequest(Map.of(), "{}".getBytes(StandardCharsets.UTF_8))).status())
                .isEqualTo(400);
        WebhookReceiver small = new WebhookReceiver(Map.of(), 100);
        WebhookResponse big = small.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push"), payload("github-push.json")));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.message()).contains("exceeds the limit of 100 bytes");
    }

    @Test
    void repoUrlVariantsAreTheSameRepository() {
        List<String> forms = List.of("https://github.com/acme/deploy", "https://github.com/Acme/deploy.git",
                "git@github.com:acme/deploy.git", "ssh://git@github.com/acme/deploy.git", "https://user@github.com/acme/deploy/");
        forms.forEach(f -> assertThat(RepoUrl.normalize(f)).as(f).isEqualTo("github.com/acme/deploy"));
        assertThat(RepoUrl.same("https://github.com/acme/deploy", "https://github.com/acme/deploy-other")).isFalse();
        assertThat(RepoUrl.normalize("ssh://git@bitbucket.example.com:7999/ops/x.git"))
                .isEqualTo("bitbucket.example.com:7999/ops/x");
    }

    static Application app(String name, String repo, String revision, String path, String annotation) {
        String ann = annotation == null ? "" : "  annotations:\n    argocd.argoproj.io/manifest-generate-paths: '"
                + annotation + "'\n";
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                %sspec:
                  source: {repoURL: '%s', targetRevision: '%s', path: '%s'}
                  destination: {server: 'https://kubernetes.default.svc', namespace: x}
                """.formatted(name, ann, repo, revision, path), name + ".yaml");
    }

    @Test
    void onlyMatchingApplicationsAreRefreshed() {
        PushEvent push = open.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push"), payload("github-push.json")))
                .event().orElseThrow();
        List<Application> apps = List.of(
                app("guestbook", "git@github.com:acme/deploy.git", "HEAD", "apps/guestbook", null),
                app("guestbook-main", "https://github.com/acme/deploy", "refs/heads/main", "apps/guestbook", null),
                app("other-path", "https://github.com/acme/deploy", "main", "apps/payments", null),
                app("shared-lib", "https://github.com/acme/deploy", "main", "apps/payments", "../legacy"),
                app("other-branch", "https://github.com/acme/deploy", "staging", "apps/guestbook", null),
                app("other-repo", "https://github.com/acme/other", "HEAD", "apps/guestbook", null));
        assertThat(RefreshMatcher.affected(push, apps)).extracting(Application::name)
                .containsExactly("guestbook", "guestbook-main", "shared-lib");
    }

    @Test
    void tagPushMatchesSemverConstraintsAndExactTags() {
        PushEvent tag = open.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push"), payload("github-tag.json")))
                .event().orElseThrow();
        List<Application> apps = List.of(
                app("range", "https://github.com/acme/deploy", ">=1.4.0 <2.0.0", "apps", null),
                app("exact", "https://github.com/acme/deploy", "v1.4.2", "apps", null),
                app("old-range", "https://github.com/acme/deploy", "1.3.*", "apps", null),
                app("head", "https://github.com/acme/deploy", "HEAD", "apps", null));
        assertThat(RefreshMatcher.affected(tag, apps)).extracting(Application::name).containsExactly("range", "exact");
    }

    @Test
    void onceAnySecretIsSetAProviderWithoutOneIsRefusedUnlessExplicitlyAllowed() {
        byte[] body = payload("gitlab-push.json");
        WebhookRequest unsignedGitlab = new WebhookRequest(Map.of("X-Gitlab-Event", "Push Hook"), body);
        WebhookResponse refused = new WebhookReceiver(Map.of(GitProvider.GITHUB, "gh-secret")).receive(unsignedGitlab);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.event()).isEmpty();
        assertThat(refused.message()).contains("no GitLab secret is configured").doesNotContain("gh-secret");
        assertThat(refused.answer()).as("the answer tells the sender nothing about our configuration")
                .isEqualTo("delivery rejected: signature missing or invalid");

        WebhookResponse allowed = new WebhookReceiver(Map.of(GitProvider.GITHUB, "gh-secret"),
                WebhookReceiver.DEFAULT_MAX_PAYLOAD_BYTES, true).receive(unsignedGitlab);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.event()).isPresent();
        // with no secret anywhere, deliveries are unsigned by design
        assertThat(open.receive(unsignedGitlab).status()).isEqualTo(200);
    }

    @Test
    void theAnswerToAPushNamesNoRepositoryOrApplication() {
        WebhookResponse r = open.receive(new WebhookRequest(Map.of("X-GitHub-Event", "push"),
                payload("github-push.json")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.message()).isEqualTo("GitHub push received; applications using the repository will be refreshed");
    }

    @Test
    void oversizedBodiesAreRefusedBeforeBeingReadWhole() throws IOException {
        WebhookReceiver small = new WebhookReceiver(Map.of(), 1000);
        CountingStream declared = new CountingStream(20 * 1024 * 1024);
        WebhookResponse byLength = small.receive(Map.of("X-GitHub-Event", "push"), declared, 20L * 1024 * 1024);
        assertThat(byLength.status()).isEqualTo(413);
        assertThat(declared.read).as("bytes read of a body whose Content-Length is over the limit").isZero();

        CountingStream chunked = new CountingStream(20 * 1024 * 1024);
        WebhookResponse byStream = small.receive(Map.of("X-GitHub-Event", "push"), chunked, -1);
        assertThat(byStream.status()).isEqualTo(413);
        assertThat(chunked.read).as("bytes read of a chunked body over the limit").isLessThanOrEqualTo(1000 + 8192);

        byte[] body = payload("github-push.json");
        WebhookResponse fits = new WebhookReceiver(Map.of()).receive(Map.of("X-GitHub-Event", "push"),
                new java.io.ByteArrayInputStream(body), -1);
        assertThat(fits.status()).isEqualTo(200);
    }

    /** An endless-looking body that counts what was read from it. */
    private static final class CountingStream extends InputStream {
        private final long size;
        private long read;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return read < size ? (int) (++read & 0) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            read += n;
            return n;
        }
    }
}
