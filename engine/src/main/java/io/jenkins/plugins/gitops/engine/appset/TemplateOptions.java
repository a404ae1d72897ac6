package io.jenkins.plugins.gitops.engine.appset;

import io.jenkins.plugins.gitops.engine.model.ApplicationSet;
import java.util.List;

/**
 * How an ApplicationSet's strings are templated: plain {@code {{param}}} substitution, or Go templates
 * ({@code goTemplate: true}) where {@code goTemplateOptions: ["missingkey=error"]} turns a missing key into an error.
 *
 * @param goTemplate whether Go templates are used
 * @param missingKeyError whether a missing map key is an error (Go templates only)
 */
public record TemplateOptions(boolean goTemplate, boolean missingKeyError) {

    public static final TemplateOptions PLAIN = new TemplateOptions(false, false);

    /**
     * The options of a set.
     *
     * @throws IllegalArgumentException for an option other than {@code missingkey=default|zero|invalid|error}
     */
    public static TemplateOptions of(ApplicationSet set) {
        return of(set.goTemplate(), set.goTemplateOptions());
    }

    public static TemplateOptions of(boolean goTemplate, List<String> goTemplateOptions) {
        boolean error = false;
        for (String option : goTemplateOptions) {
            switch (option.trim()) {
                case "missingkey=error" -> error = true;
                case "missingkey=default", "missingkey=zero", "missingkey=invalid" -> error = false;
                default -> throw new IllegalArgumentException("spec.goTemplateOptions: unsupported option '" + option
                        + "' (supported: missingkey=default, missingkey=zero, missingkey=error)");
            }
        }
        return new TemplateOptions(goTemplate, error);
    }
}
