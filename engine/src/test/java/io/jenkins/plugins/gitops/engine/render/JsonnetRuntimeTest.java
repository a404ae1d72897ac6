package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.testing.LoopbackFileServer;
import io.jenkins.plugins.gitops.engine.tools.Download;
import io.jenkins.plugins.gitops.engine.tools.ToolInstallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jsonnet runtime fetched from a Maven-layout repository served over real HTTP on loopback, as the Jenkins plugin
 * fetches it (it does not bundle sjsonnet). The served jars are the real ones from the local Maven repository - the
 * files the engine is compiled and tested with, the same bytes Maven Central serves - so the pinned SHA-256 are
 * checked against real bytes, and the fetched runtime evaluates real Jsonnet in its own class loader even though
 * sjsonnet is also on this test's class path. The real-Jenkins acceptance suite renders a Jsonnet application with
 * the runtime fetched by the plugin ({@code ControllerRequirementsAcceptanceTest}).
 */
class JsonnetRuntimeTest {

    /** Each pinned artifact and the jar of the test class path it must be. */
    static Map<JsonnetRuntime.Artifact, Path> onClassPath;
    static LoopbackFileServer maven;

    @BeforeAll
    static void serveRepository() throws IOException {
        List<Path> jars = classPathJars();
        onClassPath = JsonnetRuntime.ARTIFACTS.stream().collect(Collectors.toMap(a -> a, a -> jars.stream()
                .filter(j -> j.toString().replace('\\', '/').endsWith("/" + a.repositoryPath())).findFirst()
                .orElseThrow(() -> new AssertionError(a.repositoryPath() + " is pinned in jsonnet-runtime.txt but is "
                        + "not on the engine's class path: update the list to the sjsonnet dependency tree"))));
        maven = LoopbackFileServer.start();
        onClassPath.forEach((a, jar) -> maven.putFile("/maven2/" + a.repositoryPath(), jar));
    }

    @AfterAll
    static void stop() {
        maven.close();
    }

    @Test
    void thePinsAreExactlyTheJarsTheEngineIsBuiltWith() {
        onClassPath.forEach((a, jar) -> assertThat(Download.sha256(jar)).as(a.repositoryPath()).isEqualTo(a.sha256()));
        // every jar of sjsonnet's dependency tree on the class path is pinned (none left out of the runtime)
        List<String> pinned = JsonnetRuntime.ARTIFACTS.stream().map(JsonnetRuntime.Artifact::repositoryPath).toList();
        List<String> runtimeGroups = List.of("/com/databricks/", "/com/lihaoyi/", "/org/scala-lang/", "/org/json/",
                "/org/tukaani/", "/org/lz4/");
        assertThat(classPathJars().stream().map(p -> p.toString().replace('\\', '/'))
                .filter(p -> runtimeGroups.stream().anyMatch(p::contains)))
                .allSatisfy(p -> assertThat(pinned).anyMatch(p::endsWith));
        assertThat(JsonnetRuntime.ARTIFACTS).extracting(JsonnetRuntime.Artifact::artifactId)
                .contains("sjsonnet_2.13", "scala-library");
    }

    @Test
    void theRuntimeIsFetchedVerifiedCachedAndEvaluatesInItsOwnClassLoader(@TempDir Path cache, @TempDir Path repo)
            throws Exception {
        JsonnetRuntime.Source source = new JsonnetRuntime.Source(URI.create(maven.baseUrl() + "/maven2"), cache);
        List<Path> jars = JsonnetRuntime.fetch(source, new Download());

        assertThat(jars).hasSize(JsonnetRuntime.ARTIFACTS.size());
        for (JsonnetRuntime.Artifact a : JsonnetRuntime.ARTIFACTS) {
            assertThat(Download.sha256(cache.resolve(a.fileName()))).isEqualTo(a.sha256());
        }
        int requests = maven.requests().size();
        assertThat(JsonnetRuntime.fetch(source, new Download())).isEqualTo(jars);
        assertThat(maven.requests()).as("verified cached jars are not downloaded again").hasSize(requests);

        try (JsonnetRuntime.RuntimeLoader loader = new JsonnetRuntime.RuntimeLoader(jars,
                JsonnetRuntime.class.getClassLoader())) {
            JsonnetVm vm = JsonnetRuntime.instantiate(loader);
            assertThat(vm.getClass().getClassLoader()).isSameAs(loader);
            assertThat(Class.forName("sjsonnet.Interpreter", false, loader).getClassLoader()).isSameAs(loader);
            assertThat(Class.forName("scala.Option", false, loader).getClassLoader()).isSameAs(loader);
            assertThat(vm).isInstanceOf(JsonnetVm.class);

            Files.createDirectories(repo.resolve("app"));
            Files.createDirectories(repo.resolve("lib"));
            Files.writeString(repo.resolve("lib/names.libsonnet"), "{ name(x):: 'cm-' + x }");
            String text = """
                    local names = import 'names.libsonnet';
                    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: names.name(std.extVar('env')) },
                      data: { md5: std.md5('gitops'), size: std.toString(std.length(std.objectFields({a: 1}))) } }
                    """;
            Path file = repo.resolve("app/main.jsonnet");
            Files.writeString(file, text);
            List<String> warnings = Collections.synchronizedList(new ArrayList<>());
            JsonnetVm.Result result = vm.evaluate(new JsonnetVm.Request(repo, repo.toRealPath(),
                    List.of(repo.resolve("app"), repo.resolve("lib")), file, text, Map.of("env", "\"prod\""), Map.of(),
                    warnings::add));

            assertThat(result.error()).isNull();
            assertThat(result.json()).as("fields in Jsonnet's sorted order").isEqualTo("{\"apiVersion\":\"v1\","
                    + "\"data\":{\"md5\":\"f74e019b95812ad55fbab22e19ea7db9\",\"size\":\"1\"},\"kind\":\"ConfigMap\","
                    + "\"metadata\":{\"name\":\"cm-prod\"}}");
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void aRepositoryServingOtherBytesIsRefusedAndNothingIsCached(@TempDir Path cache) throws IOException {
        JsonnetRuntime.Artifact first = JsonnetRuntime.ARTIFACTS.get(0);
        Path bad = cache.resolve("bad.jar");
        Files.writeString(bad, "not the jar Maven Central serves");
        maven.putFile("/bad/" + first.repositoryPath(), bad);

        assertThatThrownBy(() -> JsonnetRuntime.fetch(new JsonnetRuntime.Source(URI.create(maven.baseUrl() + "/bad/"),
                cache.resolve("c")), new Download()))
                .isInstanceOf(ToolInstallException.class)
                .hasMessageStartingWith("Jsonnet runtime (" + first.fileName() + "): checksum mismatch for "
                        + maven.baseUrl() + "/bad/" + first.repositoryPath() + ": expected SHA-256 " + first.sha256()
                        + " (configured)")
                .hasMessageEndingWith("refusing to install it")
                .hasMessageNotContaining("\n");
        assertThat(cache.resolve("c").resolve(first.fileName())).doesNotExist();
    }

    @Test
    void aTamperedCachedJarIsDownloadedAgain(@TempDir Path cache) throws IOException {
        JsonnetRuntime.Source source = new JsonnetRuntime.Source(URI.create(maven.baseUrl() + "/maven2/"), cache);
        JsonnetRuntime.fetch(source, new Download());
        JsonnetRuntime.Artifact scala = JsonnetRuntime.ARTIFACTS.stream()
                .filter(a -> a.artifactId().equals("scala-library")).findFirst().orElseThrow();
        Files.write(cache.resolve(scala.fileName()), new byte[] {1, 2, 3});
        int requests = maven.requests().size();

        JsonnetRuntime.fetch(source, new Download());

        assertThat(Download.sha256(cache.resolve(scala.fileName()))).isEqualTo(scala.sha256());
        assertThat(maven.requests().subList(requests, maven.requests().size()))
                .containsExactly("/maven2/" + scala.repositoryPath());
    }

    @Test
    void onTheClassPathTheRuntimeIsUsedAsItIs() {
        JsonnetVm vm = JsonnetRuntime.vm(null);
        assertThat(JsonnetRuntime.loadedFrom()).isEqualTo("the class path");
        assertThat(vm.getClass().getClassLoader()).isSameAs(JsonnetRuntime.class.getClassLoader());
    }

    @Test
    void theSourceDefaultsToMavenCentral() {
        assertThat(new JsonnetRuntime.Source(null, Path.of("/cache")).jar(JsonnetRuntime.ARTIFACTS.get(0)))
                .hasToString("https://repo1.maven.org/maven2/com/databricks/sjsonnet_2.13/0.4.9/sjsonnet_2.13-0.4.9.jar");
        assertThat(new JsonnetRuntime.Source(URI.create("file:///srv/m2"), null).repository())
                .hasToString("file:///srv/m2/");
    }

    /** Every jar on the test class path (surefire may hand it over in a manifest-only jar). */
    static List<Path> classPathJars() {
        List<Path> out = new ArrayList<>();
        try {
            for (URL url : Collections.list(JsonnetRuntimeTest.class.getClassLoader()
                    .getResources("META-INF/MANIFEST.MF"))) {
                if (url.getProtocol().equals("jar")) {
                    out.add(Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
