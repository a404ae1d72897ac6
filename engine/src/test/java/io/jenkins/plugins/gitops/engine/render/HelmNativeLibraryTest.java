package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.jni.NativeLibrary;
import io.jenkins.plugins.gitops.engine.testing.KustomizeArchives;
import io.jenkins.plugins.gitops.engine.testing.LoopbackFileServer;
import io.jenkins.plugins.gitops.engine.tools.Download;
import io.jenkins.plugins.gitops.engine.tools.ToolInstallException;
import io.jenkins.plugins.gitops.engine.tools.ToolPlatform;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching helm-java's native jar from a Maven-layout repository served over real HTTP on loopback. The served jar
 * is the real one from the local Maven repository (the test class path holds the build machine's platform jar, the
 * same file Maven Central serves), so the pinned SHA-256 and the repository's {@code .sha256} file are both checked
 * against real bytes. Loading it into helm-java is JVM-wide and happens once; the real-Jenkins acceptance suite
 * proves that part (its plugin has no native library bundled).
 */
class HelmNativeLibraryTest {

    static final String VERSION = HelmNativeLibrary.helmJavaVersion();
    static Path realJar;
    static String platform;
    static LoopbackFileServer maven;

    @BeforeAll
    static void serveRepository() throws Exception {
        NativeLibrary onClassPath = NativeLibrary.serviceProviderLibrary(HelmNativeLibraryTest.class.getClassLoader());
        assertThat(onClassPath).as("the build machine's helm-java native jar is a test dependency").isNotNull();
        realJar = Path.of(onClassPath.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        platform = realJar.getFileName().toString().replace("-" + VERSION + ".jar", "");
        maven = LoopbackFileServer.start();
        String dir = "/maven2/com/marcnuri/helm-java/";
        maven.putFile(dir + platform + "/" + VERSION + "/" + platform + "-" + VERSION + ".jar", realJar)
                .put(dir + platform + "/" + VERSION + "/" + platform + "-" + VERSION + ".jar.sha256",
                        KustomizeArchives.sha256(realJar))
                // the same bytes published under another platform, with a correct and with a wrong .sha256
                .putFile(dir + "linux-arm64/" + VERSION + "/linux-arm64-" + VERSION + ".jar", realJar)
                .put(dir + "linux-arm64/" + VERSION + "/linux-arm64-" + VERSION + ".jar.sha256",
                        KustomizeArchives.sha256(realJar))
                .putFile(dir + "darwin-arm64/" + VERSION + "/darwin-arm64-" + VERSION + ".jar", realJar)
                .put(dir + "darwin-arm64/" + VERSION + "/darwin-arm64-" + VERSION + ".jar.sha256", "0".repeat(64));
    }

    @AfterAll
    static void stop() {
        maven.close();
    }

    HelmNativeLibrary.Source source(Path cache) {
        return new HelmNativeLibrary.Source(URI.create(maven.baseUrl() + "/maven2"), cache);
    }

    @Test
    void thePlatformJarIsFetchedVerifiedAndCachedAndHoldsHelmJavasNativeLibrary(@TempDir Path cache) throws Exception {
        Path jar = HelmNativeLibrary.fetch(source(cache), platform, VERSION, new Download());

        assertThat(jar).isEqualTo(cache.resolve(VERSION).resolve(platform + "-" + VERSION + ".jar"));
        assertThat(KustomizeArchives.sha256(jar)).isEqualTo(KustomizeArchives.sha256(realJar));
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.getEntry("META-INF/services/com.marcnuri.helm.jni.NativeLibrary")).isNotNull();
            assertThat(j.stream().map(e -> e.getName()).filter(n -> n.startsWith("helm-" + platform))).isNotEmpty();
        }
        int requests = maven.requests().size();

        assertThat(HelmNativeLibrary.fetch(source(cache), platform, VERSION, new Download())).isEqualTo(jar);
        assertThat(maven.requests()).as("a verified cached jar is not downloaded again").hasSize(requests);
    }

    @Test
    void theProjectPinsTheSha256OfTheJarItVerifiedAndARepositoryServingOtherBytesIsRefused(@TempDir Path cache) {
        assertThat(HelmNativeLibrary.checksum(URI.create("http://x/a.jar"), "linux-amd64", VERSION).literal())
                .as("linux-amd64 %s is pinned", VERSION).matches("[0-9a-f]{64}");
        Path bad = cache.resolve("bad.jar");
        write(bad, "not the jar Maven Central serves");
        maven.putFile("/bad/com/marcnuri/helm-java/linux-amd64/" + VERSION + "/linux-amd64-" + VERSION + ".jar", bad);

        assertThatThrownBy(() -> HelmNativeLibrary.fetch(new HelmNativeLibrary.Source(
                URI.create(maven.baseUrl() + "/bad/"), cache.resolve("c")), "linux-amd64", VERSION, new Download()))
                .isInstanceOf(ToolInstallException.class)
                .hasMessageStartingWith("helm-java " + VERSION + " native library (linux-amd64): checksum mismatch for "
                        + maven.baseUrl() + "/bad/com/marcnuri/helm-java/linux-amd64/" + VERSION)
                .hasMessageContaining("(configured)")
                .hasMessageEndingWith("refusing to install it");
        assertThat(cache.resolve("c").resolve(VERSION)).isEmptyDirectory();
    }

    @Test
    void anUnpinnedPlatformIsCheckedAgainstTheRepositorysSha256File(@TempDir Path cache) {
        Path jar = HelmNativeLibrary.fetch(source(cache), "linux-arm64", VERSION, new Download());
        assertThat(jar.getFileName()).hasToString("linux-arm64-" + VERSION + ".jar");
        assertThat(maven.requests()).contains("/maven2/com/marcnuri/helm-java/linux-arm64/" + VERSION + "/linux-arm64-"
                + VERSION + ".jar.sha256");

        assertThatThrownBy(() -> HelmNativeLibrary.fetch(source(cache), "darwin-arm64", VERSION, new Download()))
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("expected SHA-256 " + "0".repeat(64) + " (from " + maven.baseUrl()
                        + "/maven2/com/marcnuri/helm-java/darwin-arm64/" + VERSION + "/darwin-arm64-" + VERSION
                        + ".jar.sha256)");
        assertThat(cache.resolve(VERSION).resolve("darwin-arm64-" + VERSION + ".jar")).doesNotExist();
    }

    @Test
    void aTamperedCachedJarIsDownloadedAgain(@TempDir Path cache) throws Exception {
        Path jar = HelmNativeLibrary.fetch(source(cache), platform, VERSION, new Download());
        Files.write(jar, new byte[] {1, 2, 3});

        HelmNativeLibrary.fetch(source(cache), platform, VERSION, new Download());

        assertThat(KustomizeArchives.sha256(jar)).isEqualTo(KustomizeArchives.sha256(realJar));
    }

    @Test
    void anUnsupportedPlatformIsOneClearLine() {
        assertThat(HelmNativeLibrary.supportedPlatform(new ToolPlatform("linux", "arm64"), "")).isEqualTo(
                "linux-arm64");
        assertThatThrownBy(() -> HelmNativeLibrary.supportedPlatform(null, "FreeBSD amd64"))
                .isInstanceOf(RenderException.class)
                .hasMessage("Helm rendering is not available on this machine (FreeBSD amd64): helm-java publishes its "
                        + "native library only for darwin-amd64, darwin-arm64, linux-amd64, linux-arm64, "
                        + "windows-amd64");
        assertThatThrownBy(() -> HelmNativeLibrary.supportedPlatform(new ToolPlatform("windows", "arm64"), ""))
                .hasMessageStartingWith("Helm rendering is not available on this machine (windows-arm64)");
    }

    @Test
    void theRepositoryUrlDefaultsToMavenCentralInMavenLayout() {
        HelmNativeLibrary.Source central = new HelmNativeLibrary.Source(null, Path.of("/cache"));
        assertThat(central.jar("linux-arm64", "0.0.21")).hasToString("https://repo1.maven.org/maven2/com/marcnuri/"
                + "helm-java/linux-arm64/0.0.21/linux-arm64-0.0.21.jar");
        assertThat(new HelmNativeLibrary.Source(URI.create("https://mirror.example/maven"), null)
                .jar("windows-amd64", "0.0.21")).hasToString("https://mirror.example/maven/com/marcnuri/helm-java/"
                + "windows-amd64/0.0.21/windows-amd64-0.0.21.jar");
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
