package io.jenkins.plugins.gitops.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncHistoryTest {

    @TempDir
    Path dir;

    static HistoryEntry deployed(String sha, int minute) {
        Instant t = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(60L * minute);
        return new HistoryEntry(-1, sha, "https://git.example.com/deploy.git", "apps/web", "main", t, t.plusSeconds(5),
                "job/deploy #" + minute, false, "commit " + sha);
    }

    @Test
    void keepsTheLastLimitEntriesWithIncreasingIds() {
        SyncHistory h = new SyncHistory(new FileStateStore(dir), "web");
        for (int i = 0; i < 5; i++) {
            h.append(deployed("sha" + i, i), 3);
        }
        assertThat(h.entries()).extracting(HistoryEntry::id).containsExactly(2L, 3L, 4L);
        assertThat(h.entries()).extracting(HistoryEntry::revision).containsExactly("sha2", "sha3", "sha4");
        assertThat(h.previous().orElseThrow().revision()).isEqualTo("sha3");
        assertThat(h.find(4).orElseThrow().initiatedBy()).isEqualTo("job/deploy #4");
        assertThat(h.find(0)).isEmpty();
    }

    @Test
    void previousSkipsResyncsOfTheCurrentRevision() {
        SyncHistory h = new SyncHistory(new MemoryStateStore(), "web");
        h.append(deployed("old", 1), 10);
        h.append(deployed("new", 2), 10);
        h.append(deployed("new", 3), 10);
        assertThat(h.previous().orElseThrow().revision()).isEqualTo("old");
        SyncHistory single = new SyncHistory(new MemoryStateStore(), "api");
        single.append(deployed("only", 1), 10);
        assertThat(single.previous()).isEmpty();
    }

    @Test
    void historySurvivesANewStoreOnTheSameDirectory() {
        new SyncHistory(new FileStateStore(dir), "web").append(deployed("abc", 1), 10);
        SyncHistory reopened = new SyncHistory(new FileStateStore(dir), "web");
        assertThat(reopened.latest().orElseThrow().revision()).isEqualTo("abc");
        assertThat(reopened.latest().orElseThrow().deployedAt()).isEqualTo(Instant.parse("2026-11-20T10:01:05Z"));
        assertThat(Files.exists(dir.resolve("web/history.json"))).isTrue();
    }

    @Test
    void interruptedOperationsAreReportedAfterRestart() {
        FileStateStore store = new FileStateStore(dir);
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T11:00:00Z"), ZoneOffset.UTC);
        OperationJournal journal = new OperationJournal(store, clock);
        journal.record("web", new OperationRecord("Running", "syncing wave 1", "abc", "ada",
                Instant.parse("2026-11-20T10:59:00Z"), null, JsonNodeFactory.instance.objectNode()));
        journal.record("api", new OperationRecord("Succeeded", "done", "def", "ada",
                Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:01:00Z"), null));

        OperationJournal afterRestart = new OperationJournal(new FileStateStore(dir), clock);
        assertThat(afterRestart.recoverInterrupted()).containsExactly("web");
        OperationRecord web = afterRestart.last("web").orElseThrow();
        assertThat(web.phase()).isEqualTo("Error");
        assertThat(web.message()).contains("interrupted").contains("Running");
        assertThat(web.finishedAt()).isEqualTo(clock.instant());
        assertThat(afterRestart.last("api").orElseThrow().phase()).isEqualTo("Succeeded");
    }

    @Test
    void namesCannotEscapeTheStateDirectory() {
        FileStateStore store = new FileStateStore(dir);
        assertThatThrownBy(() -> store.write("../etc", "history", JsonNodeFactory.instance.objectNode()))
                .hasMessageContaining("invalid application name");
    }
}
