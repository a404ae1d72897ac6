package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.eclipse.jgit.api.errors.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://user:pa55word@github.com/org/repo.git | https://***@github.com/org/repo.git",
        "https://ghp_abcdef123456@github.com/org/repo   | https://***@github.com/org/repo",
        "fetch http://a:b@h:8080/x failed: http://a:b@h:8080/x: not authorized | fetch http://***@h:8080/x failed: http://***@h:8080/x: not authorized",
        "ssh://git@example.com:2222/repo.git             | ssh://***@example.com:2222/repo.git",
        "git@github.com:org/repo.git                     | git@github.com:org/repo.git",
        "https://github.com/org/repo?ref=a@b             | https://github.com/org/repo?ref=a@b",
        "no url here, mail me@example.com                | no url here, mail me@example.com",
    })
    void masksUserInfoOfEveryUrl(String text, String expected) {
        assertThat(SecretRedactor.urlsOnly().redact(text)).isEqualTo(expected);
    }

    @Test
    void masksSecretValuesInPlainEncodedAndBasicForms() {
        RepoCredentials creds = RepoCredentials.password("deployer", "p@ss word!");
        SecretRedactor redactor = SecretRedactor.of(creds);
        String basic = Base64.getEncoder().encodeToString("deployer:p@ss word!".getBytes());

        assertThat(redactor.redact("password p@ss word! rejected")).isEqualTo("password *** rejected");
        assertThat(redactor.redact("url-encoded p%40ss+word%21 and p%40ss%20word%21")).isEqualTo("url-encoded *** and ***");
        assertThat(redactor.redact("Authorization: Basic " + basic)).isEqualTo("Authorization: Basic ***");
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void veryShortSecretsAreOnlyMaskedInUrls() {
        SecretRedactor redactor = SecretRedactor.of(List.of("pw"));

        assertThat(redactor.redact("https://u:pw@host/repo: upload-pack")).isEqualTo("https://***@host/repo: upload-pack");
    }

    @Test
    void describesTheCauseChainRedactedAndDeduplicated() {
        Exception error = new TransportException("https://x:tok3n-123@h/r: not authorized",
                new IOException("not authorized"));
        SecretRedactor redactor = SecretRedactor.of(List.of("tok3n-123"));

        assertThat(redactor.describe(error)).isEqualTo("https://***@h/r: not authorized: not authorized");
        assertThat(redactor.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
        GitSourceException failure = redactor.failure("fetch of https://x:tok3n-123@h/r failed", error);
        assertThat(failure).hasMessageStartingWith("fetch of https://***@h/r failed: ").hasNoCause();
        assertThat(failure.getMessage()).doesNotContain("tok3n-123");
    }
}
