package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.model.KubeObject;
import io.jenkins.plugins.gitops.engine.model.ResourceKey;
import io.jenkins.plugins.gitops.engine.model.SyncStatus;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file tests: every directory under {@code src/test/resources/diff/} is one case with
 * <ul>
 *   <li>{@code desired.yaml} - objects rendered from Git (optional, multi-document),</li>
 *   <li>{@code live.yaml} - the live objects the application tracks (optional, multi-document),</li>
 *   <li>{@code ignore.yaml} - optional: the {@code ignoreDifferences:} list exactly as in an Application spec,</li>
 *   <li>{@code expected-paths.txt} - {@link DiffReport#summary}: statuses, field paths and reasons,</li>
 *   <li>{@code expected.diff} - {@link DiffReport#unifiedDiffs}: the unified diffs.</li>
 * </ul>
 * Every case is also checked for the invariants: an OutOfSync resource always names a field, a Synced one shows no
 * diff, and no Secret value from the inputs appears in any output.
 *
 * <p>To regenerate the expected files after an intended change, run
 * {@code mvn -o test -Dtest=DiffFixturesTest -Ddiff.regenerate=true} from {@code engine/} and review the git diff of
 * {@code src/test/resources/diff/}.
 */
class DiffFixturesTest {

    private static final boolean REGENERATE = Boolean.getBoolean("diff.regenerate");
    private static final Path SOURCE_FIXTURES = Path.of("src", "test", "resources", "diff");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(fixtureRoot())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGoldenFiles(String name) throws IOException {
        Path dir = fixtureRoot().resolve(name);
        List<KubeObject> desired = read(dir.resolve("desired.yaml"), name + "/desired.yaml");
        Map<ResourceKey, KubeObject> live = new LinkedHashMap<>();
        read(dir.resolve("live.yaml"), "live").forEach(o -> live.put(o.key(), o));

        DiffResult result = new AppDiff(options(dir)).compare(desired, live);
        String summary = DiffReport.summary(result);
        String diff = DiffReport.unifiedDiffs(result);

        Path expected = REGENERATE ? SOURCE_FIXTURES.resolve(name) : dir;
        if (REGENERATE) {
            Files.writeString(expected.resolve("expected-paths.txt"), summary, StandardCharsets.UTF_8);
            Files.writeString(expected.resolve("expected.diff"), diff, StandardCharsets.UTF_8);
        }
        assertThat(summary).as("summary of %s", name)
                .isEqualTo(Files.readString(expected.resolve("expected-paths.txt"), StandardCharsets.UTF_8));
        assertThat(diff).as("unified diffs of %s", name)
                .isEqualTo(Files.readString(expected.resolve("expected.diff"), StandardCharsets.UTF_8));
        assertInvariants(result);
        assertNoSecretValueIn(secretValues(desired, live.values()), result, summary, diff);
    }

    private static void assertInvariants(DiffResult result) {
        for (ResourceDiff r : result.resources()) {
            if (r.syncStatus() == SyncStatus.OutOfSync) {
                assertThat(r.differences()).as("%s is OutOfSync so it must name a field", r.key()).isNotEmpty();
                assertThat(r.unifiedDiff()).as("%s is OutOfSync so it must show a diff", r.key()).isNotBlank();
            } else {
                assertThat(r.unifiedDiff()).as("%s is Synced", r.key()).isEmpty();
                assertThat(r.liveYaml()).as("%s is Synced so both views print the same", r.key())
                        .isEqualTo(r.desiredYaml());
            }
        }
    }

    private static void assertNoSecretValueIn(List<String> secrets, DiffResult result, String... texts) {
        List<String> outputs = new ArrayList<>(List.of(texts));
        for (ResourceDiff r : result.resources()) {
            outputs.add(r.desiredYaml());
            outputs.add(r.liveYaml());
            outputs.add(r.unifiedDiff());
            outputs.add(r.toString());
            r.differences().forEach(d -> outputs.add(d.toString()));
        }
        for (String secret : secrets) {
            for (String out : outputs) {
                assertThat(out).as("secret value must not appear").doesNotContain(secret);
            }
        }
    }

    /** Every Secret value in the inputs, plain and base64, long enough to be meaningful as a substring. */
    private static List<String> secretValues(List<KubeObject> desired, Iterable<KubeObject> live) {
        List<KubeObject> all = new ArrayList<>(desired);
        live.forEach(all::add);
        List<String> values = new ArrayList<>();
        for (KubeObject o : all) {
            if (!o.kind().equals("Secret")) {
                continue;
            }
            o.node().path("stringData").forEach(v -> {
                values.add(v.asText());
                values.add(Base64.getEncoder().encodeToString(v.asText().getBytes(StandardCharsets.UTF_8)));
            });
            o.node().path("data").forEach(v -> {
                values.add(v.asText());
                values.add(new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8));
            });
        }
        return values.stream().filter(v -> v.length() >= 4).toList();
    }

    private static DiffOptions options(Path dir) throws IOException {
        Path ignore = dir.resolve("ignore.yaml");
        if (!Files.exists(ignore)) {
            return DiffOptions.defaults();
        }
        String app = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: fixture
                spec:
                  project: default
                  source:
                    repoURL: https://example.com/repo.git
                    path: app
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: default
                """ + Files.readString(ignore).indent(2);
        Application parsed = ArgoDocuments.parseApplication(app, ignore.toString());
        return DiffOptions.defaults().withIgnoreDifferences(parsed.ignoreDifferences());
    }

    static List<KubeObject> read(Path file, String source) throws IOException {
        List<KubeObject> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (MappingIterator<JsonNode> docs = Yaml.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode obj && !obj.isEmpty()) {
                    out.add(new KubeObject(obj, source));
                }
            }
        }
        return out;
    }

    private static Path fixtureRoot() {
        try {
            return Path.of(DiffFixturesTest.class.getResource("/diff").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
