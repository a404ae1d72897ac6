package io.jenkins.plugins.gitops.engine.appset;

import java.util.Map;

/**
 * The public face of the Go text/template subset ({@link GoTemplate}) for other engine packages that template text
 * the way Argo CD does (notification templates). Parse once, execute many times; both fail with a
 * {@link TemplateException} that quotes the template.
 */
public final class TextTemplate {

    private final GoTemplate template;

    private TextTemplate(GoTemplate template) {
        this.template = template;
    }

    public static TextTemplate parse(String source) {
        return new TextTemplate(GoTemplate.parse(source));
    }

    public String source() {
        return template.source();
    }

    /** Executes over {@code data}; a missing map key prints {@code <no value>} as Go does (missingkey=default). */
    public String execute(Map<String, Object> data) {
        return template.execute(data, false);
    }
}
