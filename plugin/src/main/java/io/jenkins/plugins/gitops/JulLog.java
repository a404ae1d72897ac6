package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.engine.EngineLog;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link EngineLog} for background work (controller, webhook): messages go to java.util.logging, which Jenkins
 * shows under Manage Jenkins, System Log. Informational messages are logged at FINE so a healthy controller does
 * not flood the log; warnings at WARNING.
 */
public final class JulLog implements EngineLog {

    private final Logger logger;

    public JulLog(Logger logger) {
        this.logger = logger;
    }

    @Override
    public void info(String message) {
        logger.log(Level.FINE, message);
    }

    @Override
    public void warn(String message) {
        logger.log(Level.WARNING, message);
    }
}
