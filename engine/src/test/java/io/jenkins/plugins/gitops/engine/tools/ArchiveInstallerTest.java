package io.jenkins.plugins.gitops.engine.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.testing.KustomizeArchives;
import io.jenkins.plugins.gitops.engine.testing.LoopbackFileServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kustomize installer against release archives served over real HTTP on loopback, laid out as
 * kubernetes-sigs/kustomize publishes them ({@code kustomize%2Fv<version>/kustomize_v<version>_<os>_<arch>.tar.gz} and
 * a {@code checksums.txt}). The archive holds the machine's real kustomize, or a stand-in wrapping its kubectl (see
 * {@link KustomizeArchives}); the installed binary then builds a real kustomization.
 */
class ArchiveInstallerTest {

    static final String VERSION = "5.7.1";
    static final ToolPlatform LINUX = new ToolPlatform("linux", "amd64");
    static final ToolPlatform WINDOWS = new ToolPlatform("windows", "amd64");

    @TempDir
    static Path shared;

    static LoopbackFileServer server;
    static Path tarGz;

    @BeforeAll
    static void serveRelease() {
        tarGz = KustomizeArchives.tarGz(shared.resolve("kustomize_v" + VERSION + "_linux_amd64.tar.gz"));
        Path zip = KustomizeArchives.zip(shared.resolve("kustomize_v" + VERSION + "_windows_amd64.zip"), "dist");
        server = LoopbackFileServer.start()
                .putFile("/releases/kustomize/v" + VERSION + "/" + tarGz.getFileName(), tarGz)
                .putFile("/releases/kustomize/v" + VERSION + "/" + zip.getFileName(), zip)
                .put("/releases/kustomize/v" + VERSION + "/checksums.txt",
                        KustomizeArchives.checksumLine(tarGz) + KustomizeArchives.checksumLine(zip))
                .putFile("/wrong/kustomize_v" + VERSION + "_linux_amd64.tar.gz", tarGz)
                .put("/wrong/checksums.txt", "0".repeat(64) + "  kustomize_v" + VERSION + "_linux_amd64.tar.gz\n");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static KustomizeRelease release(String dir, String sha256) {
        return new KustomizeRelease(VERSION, server.baseUrl() + "/" + dir + "/kustomize_v{version}_{os}_{arch}.{ext}",
                server.baseUrl() + "/" + dir + "/checksums.txt", sha256);
    }

    @Test
    void installsTheReleaseArchiveCheckedAgainstChecksumsTxtAndTheBinaryBuildsAKustomization(@TempDir Path tmp)
            throws Exception {
        Path binary = release("releases/kustomize/v{version}", null).install(new ArchiveInstaller(), LINUX,
                tmp.resolve("tools/kustomize"));

        assertThat(binary).isEqualTo(tmp.resolve("tools/kustomize/kustomize")).isExecutable();
        assertThat(build(binary, tmp)).contains("kind: ConfigMap").contains("name: installed-settings");
        assertThat(server.requests()).contains("/releases/kustomize/v" + VERSION + "/checksums.txt");
        assertThat(tmp.resolve("tools")).isDirectoryNotContaining(p -> p.getFileName().toString().contains("."));
    }

    @Test
    void aSecondInstallOfTheSameUrlReusesTheFilesWithoutDownloading(@TempDir Path tmp) {
        KustomizeRelease release = release("releases/kustomize/v{version}", KustomizeArchives.sha256(tarGz));
        Path first = release.install(new ArchiveInstaller(), LINUX, tmp.resolve("k"));
        int requests = server.requests().size();

        Path second = release.install(new ArchiveInstaller(), LINUX, tmp.resolve("k"));

        assertThat(second).isEqualTo(first);
        assertThat(server.requests()).hasSize(requests);
    }

    @Test
    void aChecksumMismatchIsRefusedAndNothingIsInstalled(@TempDir Path tmp) {
        assertThatThrownBy(() -> release("wrong", null).install(new ArchiveInstaller(), LINUX, tmp.resolve("k")))
                .isInstanceOf(ToolInstallException.class)
                .hasMessageStartingWith("kustomize " + VERSION + " (linux-amd64): checksum mismatch for "
                        + server.baseUrl() + "/wrong/kustomize_v" + VERSION + "_linux_amd64.tar.gz")
                .hasMessageContaining("expected SHA-256 " + "0".repeat(64))
                .hasMessageContaining("got " + KustomizeArchives.sha256(tarGz))
                .hasMessageEndingWith("refusing to install it");
        assertThat(tmp.resolve("k")).doesNotExist();
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void aConfiguredSha256ReplacesTheChecksumFileAndAWrongOneIsRefused(@TempDir Path tmp) {
        String wrong = "ab".repeat(32);
        assertThatThrownBy(() -> release("releases/kustomize/v{version}", wrong).install(new ArchiveInstaller(), LINUX,
                tmp.resolve("k")))
                .hasMessageContaining("checksum mismatch").hasMessageContaining("expected SHA-256 " + wrong
                        + " (configured)");
        assertThatThrownBy(() -> new KustomizeRelease(VERSION, null, null, "not-hex"))
                .hasMessage("a SHA-256 checksum is 64 hex digits, not 'not-hex'");
    }

    @Test
    void windowsGetsTheZipAndTheExeNameAndTheBinaryIsFoundBelowTheTop(@TempDir Path tmp) throws Exception {
        KustomizeRelease release = release("releases/kustomize/v{version}", null);
        assertThat(release.archive(WINDOWS).toString()).endsWith("/kustomize_v5.7.1_windows_amd64.zip");

        // the zip's files are named as on Linux (the stand-in); the installer looks for the platform's binary name
        Path binary = new ArchiveInstaller().install("kustomize", release.archive(WINDOWS), release.checksum(WINDOWS),
                tmp.resolve("k"), "kustomize");

        assertThat(binary).isEqualTo(tmp.resolve("k/dist/kustomize"));
        assertThat(Files.readAllBytes(binary)).isNotEmpty();
    }

    @Test
    void anArchiveWithoutTheBinaryOrNotAnArchiveAtAllIsOneClearLine(@TempDir Path tmp) {
        server.put("/other/plain.txt", "hello");
        assertThatThrownBy(() -> new ArchiveInstaller().install("kustomize", server.url("/other/plain.txt"),
                Checksum.sha256(KustomizeArchives.sha256(write(tmp.resolve("h"), "hello"))), tmp.resolve("k"),
                "kustomize"))
                .hasMessage("kustomize: " + server.baseUrl() + "/other/plain.txt is neither a .tar.gz nor a .zip "
                        + "archive");
        assertThatThrownBy(() -> new ArchiveInstaller().install("kustomize", server.url(
                "/releases/kustomize/v" + VERSION + "/" + tarGz.getFileName()),
                Checksum.sha256(KustomizeArchives.sha256(tarGz)), tmp.resolve("k"), "helm"))
                .hasMessageEndingWith(tarGz.getFileName() + " has no file named helm");
        assertThatThrownBy(() -> new ArchiveInstaller().install("kustomize", server.url("/missing.tar.gz"),
                Checksum.sha256("ab".repeat(32)), tmp.resolve("k"), "kustomize"))
                .hasMessage("kustomize: " + server.baseUrl() + "/missing.tar.gz answered HTTP 404");
        assertThat(tmp.resolve("k")).doesNotExist();
    }

    @Test
    void tarArchivesWithLongNamesKeepTheExecutableBitAndNeverWriteOutsideTheDirectory(@TempDir Path tmp)
            throws Exception {
        String deep = "kustomize-" + "nested-directory/".repeat(8);
        Path src = Files.createDirectories(tmp.resolve("src").resolve(deep));
        Files.writeString(src.resolve("kustomize"), "#!/bin/sh\necho deep\n");
        src.resolve("kustomize").toFile().setExecutable(true);
        Files.writeString(tmp.resolve("src/evil"), "outside");
        Path archive = tmp.resolve("deep.tar.gz");
        Process tar = new ProcessBuilder("tar", "-C", tmp.resolve("src").toString(), "-czPf", archive.toString(),
                "--transform", "s,^evil,../evil,", deep, "evil").redirectErrorStream(true).start();
        assertThat(tar.waitFor()).as(new String(tar.getInputStream().readAllBytes())).isZero();
        assertThat(deep.length()).isGreaterThan(100);

        Path binary = new ArchiveInstaller().install("kustomize", archive.toUri(),
                Checksum.sha256(KustomizeArchives.sha256(archive)), tmp.resolve("out/k"), "kustomize");

        assertThat(binary).isEqualTo(tmp.resolve("out/k").resolve(deep).resolve("kustomize")).isExecutable();
        assertThat(tmp.resolve("out/evil")).doesNotExist();
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void defaultUrlsAreTheGithubReleasesOfKubernetesSigsKustomize() {
        KustomizeRelease release = new KustomizeRelease(null, null, null, null);
        assertThat(release.archive(new ToolPlatform("darwin", "arm64")).toString()).isEqualTo(
                "https://github.com/kubernetes-sigs/kustomize/releases/download/kustomize%2Fv5.7.1/"
                        + "kustomize_v5.7.1_darwin_arm64.tar.gz");
        assertThat(release.checksum(LINUX).file().toString()).isEqualTo(
                "https://github.com/kubernetes-sigs/kustomize/releases/download/kustomize%2Fv5.7.1/checksums.txt");
        assertThat(new KustomizeRelease("v5.4.3", null, null, null).version()).isEqualTo("5.4.3");
    }

    @Test
    void platformsAreNamedAsGoReleasesNameThem() {
        assertThat(ToolPlatform.of("Linux", "amd64")).hasToString("linux-amd64");
        assertThat(ToolPlatform.of("Linux", "aarch64")).hasToString("linux-arm64");
        assertThat(ToolPlatform.of("Mac OS X", "x86_64")).hasToString("darwin-amd64");
        assertThat(ToolPlatform.of("Mac OS X", "aarch64")).hasToString("darwin-arm64");
        assertThat(ToolPlatform.of("Windows 11", "amd64")).hasToString("windows-amd64");
        assertThat(ToolPlatform.of("Windows 11", "amd64").executable("kustomize")).isEqualTo("kustomize.exe");
        assertThat(ToolPlatform.of("Linux", "s390x")).isNull();
        assertThat(ToolPlatform.of("SunOS", "amd64")).isNull();
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String build(Path kustomize, Path tmp) throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("kustomization.yaml"), """
                configMapGenerator:
                  - name: installed-settings
                    literals: [mode=installed]
                generatorOptions:
                  disableNameSuffixHash: true
                """);
        Process p = new ProcessBuilder(List.of(kustomize.toString(), "build", app.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
