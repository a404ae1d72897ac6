package io.jenkins.plugins.gitops.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.gitops.engine.EngineLog;
import io.jenkins.plugins.gitops.engine.GitOpsEngine;
import io.jenkins.plugins.gitops.engine.SyncOutcome;
import io.jenkins.plugins.gitops.engine.SyncRequest;
import io.jenkins.plugins.gitops.engine.model.Yaml;
import io.jenkins.plugins.gitops.engine.testing.GitOpsFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the state directory: a real 64 KiB tmpfs when the tests may mount one (root), else a store that
 * fails like one. A failed write says which file and why, keeps the previous version readable, leaves no temporary
 * file behind; a sync whose journal cannot be written fails with that message and applies nothing; once space is
 * back, writes work again.
 */
class StateStoreDiskFullTest {

    @TempDir
    Path dir;

    @Test
    void aFullTmpfsKeepsThePreviousVersionAndLeavesNoTemporaryFiles() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tiny"));
        assumeThat(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()))
                .as("cannot mount a tmpfs here (not root?); the failing-store test below covers this").isTrue();
        try {
            FileStateStore store = new FileStateStore(mount.resolve("state"));
            store.write("app", "history", doc("v1", 100));
            Files.write(mount.resolve("filler"), new byte[40 * 1024]);

            assertThatThrownBy(() -> store.write("app", "history", doc("v2", 30_000)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot write state file")
                    .hasMessageContaining("history.json")
                    .hasMessageContaining("the previous version is kept")
                    .hasMessageContaining("No space left on device");
            assertThat(store.read("app", "history")).map(n -> n.get("version").asText()).contains("v1");
            try (Stream<Path> files = Files.list(mount.resolve("state").resolve("app"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("history.json");
            }

            Files.delete(mount.resolve("filler"));
            store.write("app", "history", doc("v3", 30_000));
            assertThat(store.read("app", "history")).map(n -> n.get("version").asText()).contains("v3");
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void aSyncWhoseJournalCannotBeWrittenFailsClearlyAndAppliesNothing() {
        try (GitOpsFixture fx = new GitOpsFixture(dir)) {
            fx.repo.write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: b}\n")
                    .commit("cm");
            FullDisk store = new FullDisk(new FileStateStore(dir.resolve("state")));
            try (GitOpsEngine engine = fx.engine().stateStore(store).build()) {
                var app = fx.application("full", "app", "default", "syncPolicy:\n  syncOptions: [ServerSideApply=false]");
                store.full = true;
                String message;
                try {
                    SyncOutcome out = engine.sync(app, SyncRequest.manual("test"), EngineLog.NONE);
                    assertThat(out.succeeded()).isFalse();
                    message = out.message();
                } catch (RuntimeException e) {
                    message = e.getMessage();
                }
                assertThat(message).contains("No space left on device");
                assertThat(fx.cluster.writes()).isEmpty();

                store.full = false;
                SyncOutcome out = engine.sync(app, SyncRequest.manual("test"), EngineLog.NONE);
                assertThat(out.succeeded()).as(out.message()).isTrue();
                assertThat(engine.history("full")).hasSize(1);
            }
        }
    }

    /** A store on a disk that fills up on demand: every write fails as the kernel would say. */
    static final class FullDisk implements StateStore {
        private final StateStore delegate;
        volatile boolean full;

        FullDisk(StateStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<JsonNode> read(String app, String document) {
            return delegate.read(app, document);
        }

        @Override
        public void write(String app, String document, JsonNode content) {
            if (full) {
                throw new UncheckedIOException("cannot write state file " + app + "/" + document
                        + ".json (the previous version is kept): No space left on device",
                        new IOException("No space left on device"));
            }
            delegate.write(app, document, content);
        }

        @Override
        public List<String> apps() {
            return delegate.apps();
        }

        @Override
        public void delete(String app) {
            delegate.delete(app);
        }
    }

    private static JsonNode doc(String version, int padding) {
        ObjectNode n = Yaml.JSON.createObjectNode();
        n.put("version", version);
        n.put("padding", "x".repeat(padding));
        return n;
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
