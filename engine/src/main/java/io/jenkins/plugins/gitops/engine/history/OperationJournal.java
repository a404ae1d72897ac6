package io.jenkins.plugins.gitops.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records each application's operation before it starts and when it ends, so that an operation cut short by a
 * restart is reported as such instead of being silently lost: {@link #recoverInterrupted()} turns every operation
 * still marked Running or Terminating into an Error that says it was interrupted.
 */
public final class OperationJournal {

    static final String DOCUMENT = "operation";

    private final StateStore store;
    private final Clock clock;

    public OperationJournal(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(String app, OperationRecord operation) {
        store.write(app, DOCUMENT, SyncHistory.MAPPER.valueToTree(operation));
    }

    public Optional<OperationRecord> last(String app) {
        return store.read(app, DOCUMENT).map(n -> {
            try {
                return SyncHistory.MAPPER.treeToValue(n, OperationRecord.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("operation state of " + app + " is unreadable: "
                        + e.getOriginalMessage(), e);
            }
        });
    }

    /** Marks operations left running by a previous process as interrupted; returns the applications concerned. */
    public List<String> recoverInterrupted() {
        List<String> interrupted = new ArrayList<>();
        for (String app : store.apps()) {
            Optional<OperationRecord> op = last(app);
            if (op.isPresent() && op.get().inProgress()) {
                OperationRecord o = op.get();
                record(app, new OperationRecord(OperationRecord.ERROR,
                        "operation interrupted: the controller restarted while it was " + o.phase()
                                + " (started " + o.startedAt() + "); its resources may be partly applied - "
                                + "refresh and sync again",
                        o.revision(), o.initiatedBy(), o.startedAt(), clock.instant(), o.result()));
                interrupted.add(app);
            }
        }
        return interrupted;
    }
}
