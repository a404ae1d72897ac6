package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.diff.ResourceDiff;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.source.RefreshCycle;
import io.jenkins.plugins.gitops.engine.testing.GitOpsFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret values never leave the engine in what people read: the comparison ({@code gitops status -o json}, the
 * dashboard), diffs (unified and per field), sync progress and results, and error messages about repositories with
 * credentials in their URL. Every check looks for the plain value and its base64 form.
 */
class SecretLeakTest {

    static final String PASSWORD = "s3cr3t-Passw0rd-9f1c";
    static final String TOKEN = "tok-7d2e-StringData";
    static final String LIVE_PASSWORD = "old-live-Passw0rd-42aa";
    static final String URL_TOKEN = "ghp_UrlToken1234567890";

    @TempDir
    Path dir;

    GitOpsFixture fx;
    GitOpsEngine engine;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fx = new GitOpsFixture(dir);
        fx.repo.write("app/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                type: Opaque
                data:
                  password: %s
                stringData:
                  token: %s
                """.formatted(b64(PASSWORD), TOKEN))
                .write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: b}\n")
                .commit("secret");
        engine = fx.engine().log(new EngineLog() {
            @Override
            public void info(String message) {
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add(message);
            }
        }).build();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        fx.close();
    }

    @Test
    void secretValuesStayOutOfComparisonsDiffsLogsAndResults() {
        Application app = fx.application("secrets", "app", "default",
                "syncPolicy:\n  syncOptions: [ServerSideApply=false]");
        // a live Secret with another value, so there is a diff to show
        fx.cluster.client().resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("db").withNamespace("default").endMetadata()
                .addToData("password", b64(LIVE_PASSWORD)).build()).create();

        Refresh refresh = engine.refresh(app, RefreshCycle.begin());
        List<String> shown = new ArrayList<>();
        shown.add(json(refresh.comparison()));
        for (ResourceDiff d : refresh.diff().resources()) {
            shown.add(d.unifiedDiff());
            shown.add(d.desiredYaml());
            shown.add(d.liveYaml());
            shown.add(String.valueOf(d.differences()));
            shown.add(d.toString());
        }
        assertThat(refresh.diff().resources()).anyMatch(d -> d.key().kind().equals("Secret") && d.modified());

        List<String> progress = new ArrayList<>();
        SyncOutcome out = engine.sync(app, SyncRequest.manual("test"), new EngineLog() {
            @Override
            public void info(String message) {
                progress.add(message);
            }

            @Override
            public void warn(String message) {
                progress.add(message);
            }
        });
        assertThat(out.succeeded()).as(out.message()).isTrue();
        shown.add(json(out));
        shown.addAll(progress);
        shown.addAll(log);
        shown.add(json(engine.history("secrets")));
        shown.add(json(engine.lastOperation("secrets").orElse(null)));

        for (String text : shown) {
            assertNoSecret(text);
        }
    }

    @Test
    void credentialsInRepositoryUrlsStayOutOfErrors() {
        String url = fx.repo.url().replace("://", "://user:" + URL_TOKEN + "@").replace("/deploy", "/missing");
        Application app = fx.application("creds", "app", "default", "").withRevision("HEAD");
        Application withUrl = io.jenkins.plugins.gitops.engine.model.ArgoDocuments.parseApplication(
                Yaml.write(Yaml.YAML.valueToTree(java.util.Map.of(
                        "apiVersion", "argoproj.io/v1alpha1", "kind", "Application",
                        "metadata", java.util.Map.of("name", "creds"),
                        "spec", java.util.Map.of(
                                "source", java.util.Map.of("repoURL", url, "path", "app"),
                                "destination", java.util.Map.of("server", "https://kubernetes.default.svc",
                                        "namespace", "default"))))), "creds.yaml");
        assertThat(app.name()).isEqualTo("creds");
        AppComparison c = engine.compare(withUrl, null, null);
        assertThat(c.error()).isNotBlank();
        SyncOutcome out = engine.sync(withUrl, SyncRequest.manual("test"), EngineLog.NONE);
        for (String text : List.of(c.error(), json(c), out.message(), json(out), String.join("\n", log))) {
            assertThat(text).doesNotContain(URL_TOKEN);
        }
    }

    /** The JSON a caller would print ({@code -o json}), plus the records' own text. */
    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n" + value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .disable(com.fasterxml.jackson.databind.MapperFeature.REQUIRE_HANDLERS_FOR_JAVA8_TIMES)
                    .disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

    private static void assertNoSecret(String text) {
        for (String secret : List.of(PASSWORD, TOKEN, LIVE_PASSWORD)) {
            assertThat(text).doesNotContain(secret).doesNotContain(b64(secret));
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
