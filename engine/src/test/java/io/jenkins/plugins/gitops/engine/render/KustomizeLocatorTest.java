package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.tools.ToolInstallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order kustomize is found in: explicit path > configured tool > {@code kustomize} on the PATH >
 * {@code kubectl kustomize}; each test's PATH holds executable files made for it (the locator only resolves, it does
 * not run them).
 */
class KustomizeLocatorTest {

    @TempDir
    Path tmp;

    Path explicit;
    Path installed;
    Path pathWithBoth;
    Path pathWithKubectl;

    @BeforeEach
    void tools() throws IOException {
        explicit = executable(tmp.resolve("explicit/kustomize"));
        installed = executable(tmp.resolve("tools/kustomize-5/kustomize"));
        pathWithBoth = tmp.resolve("bin-both");
        executable(pathWithBoth.resolve("kustomize"));
        executable(pathWithBoth.resolve("kubectl"));
        pathWithKubectl = tmp.resolve("bin-kubectl");
        executable(pathWithKubectl.resolve("kubectl"));
    }

    KustomizeLocator.ConfiguredKustomize tool(Path binary) {
        return new KustomizeLocator.ConfiguredKustomize() {
            @Override
            public String describe() {
                return "Kustomize installation 'kustomize-5'";
            }

            @Override
            public Path binary() {
                return binary;
            }
        };
    }

    List<String> resolve(RenderSettings settings, Path... path) {
        String p = String.join(":", java.util.Arrays.stream(path).map(Path::toString).toList());
        return KustomizeLocator.resolve(new KustomizeLocator.Machine(settings, p, false), "guestbook")
                .build(Path.of("/app"));
    }

    @Test
    void anExplicitPathComesFirst() {
        RenderSettings s = RenderSettings.defaults().withKustomizeBinary(explicit).withKustomizeTool(tool(installed));
        assertThat(resolve(s, pathWithBoth)).containsExactly(explicit.toString(), "build", "/app");
    }

    @Test
    void theConfiguredToolComesBeforeThePath() {
        RenderSettings s = RenderSettings.defaults().withKustomizeTool(tool(installed));
        assertThat(resolve(s, pathWithBoth)).containsExactly(installed.toString(), "build", "/app");
    }

    @Test
    void kustomizeOnThePathComesBeforeKubectl() {
        assertThat(resolve(RenderSettings.defaults(), pathWithKubectl, pathWithBoth))
                .containsExactly(pathWithBoth.resolve("kustomize").toString(), "build", "/app");
    }

    @Test
    void kubectlKustomizeIsTheLastResort() {
        assertThat(resolve(RenderSettings.defaults(), tmp.resolve("empty"), pathWithKubectl))
                .containsExactly(pathWithKubectl.resolve("kubectl").toString(), "kustomize", "/app");
        Path kubectl = pathWithKubectl.resolve("kubectl");
        assertThat(resolve(RenderSettings.defaults().withKubectlBinary(kubectl)))
                .containsExactly(kubectl.toString(), "kustomize", "/app");
    }

    @Test
    void nothingAvailableIsOneLineNamingTheApplicationAndHowToConfigureIt() {
        assertThatThrownBy(() -> resolve(RenderSettings.defaults(), tmp.resolve("empty")))
                .isInstanceOf(RenderException.class)
                .hasMessage("application 'guestbook' needs Kustomize, but none is available: no kustomize is "
                        + "configured and neither 'kustomize' nor 'kubectl' is on the PATH; install kustomize or "
                        + "kubectl on the PATH");
        assertThatThrownBy(() -> resolve(RenderSettings.defaults().withKustomizeHint("pass --kustomize PATH")))
                .hasMessageEndingWith("on the PATH; pass --kustomize PATH")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aConfiguredToolThatFailsToInstallIsAnErrorNotAFallback() {
        KustomizeLocator.ConfiguredKustomize failing = new KustomizeLocator.ConfiguredKustomize() {
            @Override
            public String describe() {
                return "Kustomize installation 'kustomize-5'";
            }

            @Override
            public Path binary() {
                throw new ToolInstallException("kustomize 5.7.1 (linux-amd64): checksum mismatch");
            }
        };
        assertThatThrownBy(() -> resolve(RenderSettings.defaults().withKustomizeTool(failing), pathWithBoth))
                .isInstanceOf(RenderException.class)
                .hasMessage("Kustomize installation 'kustomize-5': kustomize 5.7.1 (linux-amd64): checksum mismatch");
        assertThatThrownBy(() -> resolve(RenderSettings.defaults().withKustomizeTool(tool(tmp.resolve("gone"))),
                pathWithBoth))
                .hasMessage("Kustomize installation 'kustomize-5': '" + tmp.resolve("gone")
                        + "' does not exist or is not executable");
        assertThatThrownBy(() -> resolve(RenderSettings.defaults().withKustomizeBinary(tmp.resolve("nope")),
                pathWithBoth))
                .hasMessage("configured kustomize binary '" + tmp.resolve("nope")
                        + "' does not exist or is not executable");
    }

    @Test
    void windowsLooksForExeFilesOnASemicolonPath() throws IOException {
        Path bin = tmp.resolve("win");
        executable(bin.resolve("kustomize.exe"));
        KustomizeCommand c = KustomizeLocator.resolve(new KustomizeLocator.Machine(RenderSettings.defaults(),
                tmp.resolve("empty") + ";" + bin, true), "guestbook");
        assertThat(c.build(Path.of("/app"))).containsExactly(bin.resolve("kustomize.exe").toString(), "build", "/app");
    }

    @Test
    void theCandidateTableStatesTheOrder() {
        assertThat(KustomizeLocator.CANDIDATES).extracting(KustomizeLocator.Candidate::name).containsExactly(
                "explicit kustomize path", "configured Kustomize tool", "kustomize on the PATH", "kubectl kustomize");
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        return file;
    }
}
