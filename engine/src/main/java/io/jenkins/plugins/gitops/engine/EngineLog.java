package io.jenkins.plugins.gitops.engine;

/**
 * The one logging interface of the engine. The CLI prints it to stderr, the Jenkins plugin adapts it to a
 * TaskListener or java.util.logging. Messages must never contain secrets; callers pass already-redacted text.
 */
public interface EngineLog {

    void info(String message);

    void warn(String message);

    /** A log that drops everything, for tests and callers that do not care. */
    EngineLog NONE = new EngineLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
    };

    /** Prefixes every line with a context (typically the application name) so each line names its app. */
    default EngineLog withPrefix(String prefix) {
        EngineLog parent = this;
        return new EngineLog() {
            @Override
            public void info(String message) {
                parent.info(prefix + message);
            }

            @Override
            public void warn(String message) {
                parent.warn(prefix + message);
            }
        };
    }
}
