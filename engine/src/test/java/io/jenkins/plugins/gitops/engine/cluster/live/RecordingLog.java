package io.jenkins.plugins.gitops.engine.cluster.live;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EngineLog} that keeps warnings for assertions. */
final class RecordingLog implements EngineLog {

    final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {
        warnings.add(message);
    }
}
