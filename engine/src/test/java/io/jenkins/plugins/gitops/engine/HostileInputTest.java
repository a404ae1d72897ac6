package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.appset.Generated;
import io.jenkins.plugins.gitops.engine.model.AppProject;
import io.jenkins.plugins.gitops.engine.model.Application;
import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import io.jenkins.plugins.gitops.engine.model.ArgoDocuments;
import io.jenkins.plugins.gitops.engine.testing.MockApiServer;
import io.jenkins.plugins.gitops.engine.cluster.ClusterConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and malformed input, fixture-driven: {@code src/test/resources/hostile/cases.txt} lists every input with the
 * outcome expected ({@code refused} or {@code accepted}) and the fragment the one message must contain (the file,
 * field or resource at fault). Inputs are Application, AppProject and ApplicationSet files and manifest directories
 * from {@code hostile/}, or generated at test time ({@code gen:...}: 50 MB files, invalid UTF-8, symlinks, CRLF/BOM,
 * deep nesting) so nothing huge or binary is committed.
 *
 * <p>Every input goes the whole way an operator's input goes: parse, render, plan and sync through {@link
 * GitOpsEngine} against the fabric8 mock API server. A refused input must leave the cluster untouched (no write), give
 * its message within {@link #TIME_BOUND}, and not exhaust the test heap. The counts are printed and compared with the
 * index so docs/HARDENING.md can quote them.
 */
class HostileInputTest {

    static final Duration TIME_BOUND = Duration.ofSeconds(10);
    static final String OK_MANIFESTS = "manifests/ok";

    @TempDir
    Path tmp;

    MockApiServer cluster;
    GitOpsEngine engine;
    final List<GitOpsEngine> projectEngines = new ArrayList<>();
    final List<String> logLines = new ArrayList<>();
    final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-case");
        t.setDaemon(true);
        return t;
    });

    @BeforeEach
    void setUp() {
        cluster = new MockApiServer();
        engine = engine(List.of());
        warmUp();
    }

    /**
     * One valid sync, Helm render and jq compile first, so class loading and Helm's native library (seconds on a busy
     * machine) are not charged to the first hostile input's time bound.
     */
    private void warmUp() {
        try {
            Application warm = defaultApp("warm-up", "default");
            assertThat(engine.sync(warm, SyncRequest.manual("warm-up").withLocalDir(resolve(OK_MANIFESTS)),
                    EngineLog.NONE).succeeded()).isTrue();
            engine.render(warm, null, resolve("manifests/helm-chart"));
            engine.sync(ArgoDocuments.readApplication(resolve("app/ignoredifferences-jq-bad.yaml")),
                    SyncRequest.manual("warm-up").withDryRun(true).withLocalDir(resolve(OK_MANIFESTS)), EngineLog.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void tearDown() {
        runner.shutdownNow();
        projectEngines.forEach(GitOpsEngine::close);
        engine.close();
        cluster.close();
    }

    GitOpsEngine engine(List<AppProject> projects) {
        return GitOpsEngine.builder()
                .workDir(tmp.resolve("engine-" + System.nanoTime()))
                .connection(ClusterConnection.ofClient("in-cluster", null, cluster.client()))
                .projects(projects)
                .pollInterval(Duration.ofMillis(50))
                .log(new EngineLog() {
                    @Override
                    public void info(String message) {
                        synchronized (logLines) {
                            logLines.add(message);
                        }
                    }

                    @Override
                    public void warn(String message) {
                        info("WARN " + message);
                    }
                })
                .build();
    }

    record Case(int line, String input, String manifests, boolean refused, String fragment) {}

    record Result(Case c, boolean refused, String message, long millis, int writes) {}

    @Test
    void everyHostileInputIsRefusedWithOneClearMessageAndNothingApplied() throws Exception {
        List<Case> cases = readIndex();
        List<String> problems = new ArrayList<>();
        int refused = 0;
        int accepted = 0;
        for (Case c : cases) {
            Result r = run(c);
            String where = "hostile/cases.txt:" + c.line() + " " + c.input() + ": ";
            if (r == null) {
                problems.add(where + "no answer within " + TIME_BOUND.toSeconds() + " s");
                continue;
            }
            if (r.refused()) {
                refused++;
            } else {
                accepted++;
            }
            if (c.refused() != r.refused()) {
                problems.add(where + "expected " + (c.refused() ? "refused" : "accepted") + " but was "
                        + (r.refused() ? "refused: " + r.message() : "accepted" + (r.message() == null ? ""
                                : " (" + r.message() + ")")));
            } else if (c.refused() && !r.message().toLowerCase(Locale.ROOT)
                    .contains(c.fragment().toLowerCase(Locale.ROOT))) {
                problems.add(where + "message lacks '" + c.fragment() + "': " + r.message());
            }
            if (c.refused() && r.writes() > 0) {
                problems.add(where + "refused but wrote " + r.writes() + " time(s) to the cluster");
            }
            if (r.message() != null && r.message().length() > 4000) {
                problems.add(where + "message is not one clear line (" + r.message().length() + " chars)");
            }
            System.out.printf("hostile %-48s %-8s %5d ms  %s%n", c.input(), r.refused() ? "refused" : "accepted",
                    r.millis(), r.message() == null ? "" : abbreviate(r.message()));
        }
        System.out.printf("hostile inputs tried: %d, refused: %d, accepted as valid: %d, problems: %d%n",
                cases.size(), refused, accepted, problems.size());
        Files.writeString(Path.of("target", "hostile-summary.txt"), "tried=" + cases.size() + "\nrefused=" + refused
                + "\naccepted=" + accepted + "\n");
        assertThat(problems).as("hostile inputs that misbehaved").isEmpty();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }

    /** Runs one case on its own thread so a hang shows up as a timeout, not a stuck build. */
    private Result run(Case c) throws Exception {
        Path input = resolve(c.input());
        Path manifests = resolve(c.manifests() == null ? OK_MANIFESTS : c.manifests());
        int before = cluster.writes().size();
        long start = System.nanoTime();
        Future<String> f = runner.submit(() -> attempt(c, input, manifests));
        String message;
        boolean refused;
        try {
            message = f.get(TIME_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            refused = message != null && message.startsWith("REFUSED ");
            if (refused) {
                message = message.substring("REFUSED ".length());
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            return null;
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof Error err && !(t instanceof AssertionError)) {
                return new Result(c, false, "JVM error " + err, 0, 0);
            }
            refused = true;
            message = Errors.describe(t);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(c, refused, message, millis, cluster.writes().size() - before);
    }

    /** Null or a note when accepted; "REFUSED message" when the engine refused without throwing. */
    private String attempt(Case c, Path input, Path manifests) {
        String kind = c.input().replaceFirst("^gen:", "").split("/")[0];
        String name = "h" + c.line();
        switch (kind) {
            case "app" -> {
                Application app = ArgoDocuments.readApplication(input);
                return sync(engine, app, manifests);
            }
            case "manifests" -> {
                return sync(engine, defaultApp(name, "default"), input);
            }
            case "project" -> {
                List<AppProject> projects = ArgoDocuments.read(input).projects();
                GitOpsEngine e = engine(projects);
                projectEngines.add(e); // closed after the test: closing closes the shared mock client
                return sync(e, defaultApp(name, projects.get(0).name()), manifests);
            }
            case "appset" -> {
                List<ApplicationSet> sets = ArgoDocuments.read(input).applicationSets();
                Generated generated = engine.generate(sets.get(0));
                for (Application app : generated.list()) {
                    String r = sync(engine, app, manifests);
                    if (r != null && r.startsWith("REFUSED ")) {
                        return r;
                    }
                }
                return generated.list().size() + " application(s)";
            }
            default -> throw new IllegalArgumentException("unknown input kind " + kind);
        }
    }

    private static String sync(GitOpsEngine e, Application app, Path manifests) {
        SyncOutcome out = e.sync(app, SyncRequest.manual("hostile-test").withLocalDir(manifests), EngineLog.NONE);
        return out.succeeded() ? null : "REFUSED " + out.phase() + ": " + out.message();
    }

    private Application defaultApp(String name, String project) {
        return ArgoDocuments.parseApplication("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  project: %s
                  source: {repoURL: 'https://git.example.com/hostile.git', path: ., targetRevision: HEAD}
                  destination: {server: 'https://kubernetes.default.svc', namespace: hostile}
                  syncPolicy:
                    syncOptions: [ServerSideApply=false]
                """.formatted(name, project), name + ".yaml");
    }

    private Path resolve(String input) throws IOException {
        if (input.startsWith("gen:")) {
            String name = input.substring(4);
            Function<Path, Path> gen = GENERATED.get(name);
            if (gen == null) {
                throw new IllegalArgumentException("no generator for " + input);
            }
            Path dir = tmp.resolve("gen").resolve(name);
            Files.createDirectories(dir);
            return gen.apply(dir);
        }
        try {
            return Path.of(HostileInputTest.class.getResource("/hostile/" + input).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("fixture hostile/" + input + " is missing", e);
        }
    }

    /** Reads {@code hostile/cases.txt}: {@code input [@ manifests] | refused|accepted | fragment}. */
    private static List<Case> readIndex() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (var in = HostileInputTest.class.getResourceAsStream("/hostile/cases.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 3);
                String[] input = parts[0].strip().split("@");
                String expect = parts[1].strip();
                if (!expect.equals("refused") && !expect.equals("accepted")) {
                    throw new IllegalArgumentException("cases.txt:" + (i + 1) + ": refused or accepted, not " + expect);
                }
                cases.add(new Case(i + 1, input[0].strip(), input.length > 1 ? input[1].strip() : null,
                        expect.equals("refused"), parts.length > 2 ? parts[2].strip() : ""));
            }
        }
        return cases;
    }

    // ---- generated inputs (too big, binary or filesystem-special to commit) ----

    static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: %s
            data:
              key: value
            """;

    static final Map<String, Function<Path, Path>> GENERATED = new LinkedHashMap<>();

    static {
        GENERATED.put("manifests/huge-50mb", dir -> {
            write(dir.resolve("huge.yaml"), out -> {
                out.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n".getBytes());
                byte[] line = ("  k%07d: " + "x".repeat(100) + "\n").getBytes();
                for (int i = 0; i < 50 * 1024 * 1024 / line.length + 1; i++) {
                    out.write(("  k%07d: ".formatted(i) + "x".repeat(100) + "\n").getBytes());
                }
            });
            return dir;
        });
        GENERATED.put("manifests/many-small-files", dir -> {
            for (int i = 0; i < 600; i++) {
                write(dir.resolve("cm-" + i + ".yaml"), out -> out.write(("apiVersion: v1\nkind: ConfigMap\n"
                        + "metadata:\n  name: filler\ndata:\n  blob: '" + "y".repeat(100_000) + "'\n").getBytes()));
            }
            return dir;
        });
        GENERATED.put("manifests/one-huge-string", dir -> {
            write(dir.resolve("cm.yaml"), out -> {
                out.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob\ndata:\n  blob: '".getBytes());
                byte[] chunk = "z".repeat(1 << 20).getBytes();
                for (int i = 0; i < 60; i++) {
                    out.write(chunk);
                }
                out.write("'\n".getBytes());
            });
            return dir;
        });
        GENERATED.put("manifests/deep-nesting-flow", dir -> {
            int depth = 100_000;
            writeString(dir.resolve("deep.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n"
                    + "data:\n  x: y\nextra: " + "[".repeat(depth) + "]".repeat(depth) + "\n");
            return dir;
        });
        GENERATED.put("manifests/deep-nesting-block", dir -> {
            StringBuilder b = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nextra:\n");
            for (int i = 1; i < 3000; i++) {
                b.append(" ".repeat(i)).append("a:\n");
            }
            b.append(" ".repeat(3000)).append("b: c\n");
            writeString(dir.resolve("deep.yaml"), b.toString());
            return dir;
        });
        GENERATED.put("manifests/deep-nesting-json", dir -> {
            int depth = 100_000;
            writeString(dir.resolve("deep.json"), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
                    + "{\"name\":\"deep\"},\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
            return dir;
        });
        GENERATED.put("manifests/many-documents", dir -> {
            writeString(dir.resolve("docs.yaml"), "---\n".repeat(2_000_000));
            return dir;
        });
        GENERATED.put("manifests/invalid-utf8", dir -> {
            write(dir.resolve("bad.yaml"), out -> {
                out.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  key: \"".getBytes());
                out.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
                out.write("\"\n".getBytes());
            });
            return dir;
        });
        GENERATED.put("manifests/utf16-file", dir -> {
            writeBytes(dir.resolve("cm.yaml"), CONFIG_MAP.formatted("utf16").getBytes(StandardCharsets.UTF_16));
            return dir;
        });
        GENERATED.put("manifests/null-bytes", dir -> {
            writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nul\u0000x\n");
            return dir;
        });
        GENERATED.put("manifests/crlf", dir -> {
            writeString(dir.resolve("cm.yaml"), CONFIG_MAP.formatted("crlf").replace("\n", "\r\n"));
            return dir;
        });
        GENERATED.put("manifests/bom", dir -> {
            writeString(dir.resolve("cm.yaml"), "\uFEFF" + CONFIG_MAP.formatted("bom"));
            return dir;
        });
        GENERATED.put("manifests/bom-crlf-multi-document", dir -> {
            writeString(dir.resolve("cm.yaml"), ("\uFEFF---\n" + CONFIG_MAP.formatted("bom-crlf-a") + "---\n"
                    + CONFIG_MAP.formatted("bom-crlf-b")).replace("\n", "\r\n"));
            return dir;
        });
        GENERATED.put("manifests/bom-json", dir -> {
            writeString(dir.resolve("cm.json"), "\uFEFF{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                    + "\"metadata\":{\"name\":\"bom-json\"},\"data\":{\"a\":\"b\"}}\r\n");
            return dir;
        });
        GENERATED.put("manifests/name-300-chars", dir -> {
            writeString(dir.resolve("cm.yaml"), CONFIG_MAP.formatted("a".repeat(300)));
            return dir;
        });
        GENERATED.put("manifests/name-253-chars", dir -> {
            String label = "a".repeat(62) + ".";
            String name = (label.repeat(4) + "b".repeat(253)).substring(0, 253);
            writeString(dir.resolve("cm.yaml"), CONFIG_MAP.formatted(name));
            return dir;
        });
        GENERATED.put("manifests/symlink-file-escape", dir -> {
            writeString(dir.resolve("ok.yaml"), CONFIG_MAP.formatted("ok"));
            symlink(dir.resolve("passwd.yaml"), Path.of("/etc/passwd"));
            return dir;
        });
        GENERATED.put("manifests/symlink-dir-escape", dir -> {
            writeString(dir.resolve("ok.yaml"), CONFIG_MAP.formatted("ok"));
            symlink(dir.resolve("etc"), Path.of("/etc"));
            return dir;
        });
        GENERATED.put("manifests/symlink-relative-escape", dir -> {
            writeString(dir.getParent().resolve("outside.yaml"), CONFIG_MAP.formatted("outside"));
            writeString(dir.resolve("ok.yaml"), CONFIG_MAP.formatted("ok"));
            symlink(dir.resolve("inside.yaml"), Path.of("../outside.yaml"));
            return dir;
        });
        GENERATED.put("manifests/symlink-loop", dir -> {
            writeString(dir.resolve("ok.yaml"), CONFIG_MAP.formatted("ok"));
            symlink(dir.resolve("a.yaml"), Path.of("b.yaml"));
            symlink(dir.resolve("b.yaml"), Path.of("a.yaml"));
            return dir;
        });
        GENERATED.put("manifests/fifo", dir -> {
            writeString(dir.resolve("ok.yaml"), CONFIG_MAP.formatted("ok"));
            try {
                Process p = new ProcessBuilder("mkfifo", dir.resolve("pipe.yaml").toString()).start();
                p.waitFor();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return dir;
        });
        GENERATED.put("app/name-300-chars", dir -> {
            writeString(dir.resolve("app.yaml"), appYaml("a".repeat(300), "path: ."));
            return dir.resolve("app.yaml");
        });
        GENERATED.put("app/crlf-bom", dir -> {
            writeString(dir.resolve("app.yaml"), "\uFEFF" + appYaml("crlf-bom", "path: .").replace("\n", "\r\n"));
            return dir.resolve("app.yaml");
        });
        GENERATED.put("app/invalid-utf8", dir -> {
            write(dir.resolve("app.yaml"), out -> {
                out.write(appYaml("bad-utf8", "path: .").getBytes());
                out.write(new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
            });
            return dir.resolve("app.yaml");
        });
        GENERATED.put("app/deep-nesting", dir -> {
            int depth = 50_000;
            writeString(dir.resolve("app.yaml"), appYaml("deep", "path: .") + "  info: "
                    + "[".repeat(depth) + "]".repeat(depth) + "\n");
            return dir.resolve("app.yaml");
        });
        GENERATED.put("app/huge-50mb", dir -> {
            write(dir.resolve("app.yaml"), out -> {
                out.write(appYaml("huge", "path: .").getBytes());
                out.write("  info:\n".getBytes());
                for (int i = 0; i < 450_000; i++) {
                    out.write(("  - {name: n%07d, value: '%s'}\n".formatted(i, "v".repeat(80))).getBytes());
                }
            });
            return dir.resolve("app.yaml");
        });
    }

    static String appYaml(String name, String sourceExtra) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                spec:
                  project: default
                  source:
                    repoURL: https://git.example.com/hostile.git
                    %s
                  destination: {server: 'https://kubernetes.default.svc', namespace: hostile}
                  syncPolicy:
                    syncOptions: [ServerSideApply=false]
                """.formatted(name, sourceExtra);
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    static void write(Path file, Writer w) {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeString(Path file, String s) {
        writeBytes(file, s.getBytes(StandardCharsets.UTF_8));
    }

    static void writeBytes(Path file, byte[] b) {
        try {
            Files.write(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void symlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> generatedNames() {
        return GENERATED.keySet().stream();
    }
}
