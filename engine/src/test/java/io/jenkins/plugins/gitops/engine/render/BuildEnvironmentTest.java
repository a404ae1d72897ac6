package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BuildEnvironmentTest {

    private final BuildEnvironment env = RenderRequest.of(Path.of("/repo"),
            RenderFixtures.app("guestbook", "apps", "path: deploy/guestbook"), "abc123").environment();

    @Test
    void exposesArgoCdVariables() {
        assertThat(env.variables()).containsExactly(
                java.util.Map.entry("ARGOCD_APP_NAME", "guestbook"),
                java.util.Map.entry("ARGOCD_APP_NAMESPACE", "apps"),
                java.util.Map.entry("ARGOCD_APP_REVISION", "abc123"),
                java.util.Map.entry("ARGOCD_APP_SOURCE_REPO_URL", "https://git.example.com/apps.git"),
                java.util.Map.entry("ARGOCD_APP_SOURCE_PATH", "deploy/guestbook"),
                java.util.Map.entry("ARGOCD_APP_SOURCE_TARGET_REVISION", "main"));
    }

    @Test
    void substitutesBothFormsAndNothingFromTheJvmEnvironment() {
        assertThat(env.substitute("img:$ARGOCD_APP_REVISION")).isEqualTo("img:abc123");
        assertThat(env.substitute("${ARGOCD_APP_NAME}-x")).isEqualTo("guestbook-x");
        assertThat(env.substitute("$HOME/$UNKNOWN")).isEqualTo("/");
        assertThat(env.substitute("cost: $$5")).isEqualTo("cost: $5");
        assertThat(env.substitute("trailing $")).isEqualTo("trailing $");
        assertThat(env.substitute("no vars")).isEqualTo("no vars");
    }
}
