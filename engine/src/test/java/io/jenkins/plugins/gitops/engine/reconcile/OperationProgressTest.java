package io.jenkins.plugins.gitops.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationProgressTest {

    @Test
    void keepsTheNewestLinesOfTheLatestOperation_andPassesEveryLineOn() {
        OperationProgress p = new OperationProgress();
        List<String> passed = new ArrayList<>();
        EngineLog next = new EngineLog() {
            @Override
            public void info(String message) {
                passed.add(message);
            }

            @Override
            public void warn(String message) {
                passed.add("warn " + message);
            }
        };
        EngineLog first = p.begin("web", next);
        first.info("wave 0: applying ConfigMap web");
        first.warn("hook failed");
        assertThat(p.lines("web")).containsExactly("wave 0: applying ConfigMap web", "WARNING: hook failed");
        assertThat(passed).containsExactly("wave 0: applying ConfigMap web", "warn hook failed");
        assertThat(p.lines("other")).isEmpty();

        EngineLog second = p.begin("web", next);
        for (int i = 0; i < OperationProgress.MAX_LINES + 5; i++) {
            second.info("line " + i);
        }
        first.info("late line of the old operation");
        List<String> lines = p.lines("web");
        assertThat(lines).hasSize(OperationProgress.MAX_LINES).startsWith("line 5")
                .endsWith("line " + (OperationProgress.MAX_LINES + 4));
    }
}
