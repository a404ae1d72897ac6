package io.jenkins.plugins.gitops.engine.project;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An application (or one of its resources) is not permitted by its {@code AppProject}. Lists every offence, each
 * with the rule it broke and a sentence naming the application or resource, the value at fault and the project.
 */
public class ProjectViolation extends RuntimeException {

    /** One offence: the rule and a complete, user-facing sentence. */
    public record Violation(ProjectRule rule, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    private final String project;
    private final List<Violation> violations;

    public ProjectViolation(String project, List<Violation> violations) {
        super(format(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a project violation needs at least one offence");
        }
        this.project = project;
        this.violations = List.copyOf(violations);
    }

    public String project() {
        return project;
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String format(List<Violation> violations) {
        return violations.stream().map(Violation::message).collect(Collectors.joining("; "));
    }
}
