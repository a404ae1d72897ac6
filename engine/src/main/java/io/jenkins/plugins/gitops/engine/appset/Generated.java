package io.jenkins.plugins.gitops.engine.appset;

import io.jenkins.plugins.gitops.engine.model.Application;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Applications one ApplicationSet generates, in generator order, each with the generator element and the
 * parameter set that produced it. Invariant: application names are unique; every application here is owned by
 * {@link #applicationSet()}.
 *
 * @param applicationSet name of the owning set
 * @param applications what it generated
 */
public record Generated(String applicationSet, List<GeneratedApplication> applications) {

    /**
     * One generated Application.
     *
     * @param application the parsed Application
     * @param generator field path of the generator element that produced it ({@code spec.generators[0]})
     * @param parameters the parameter set its template was rendered with
     * @param document the rendered Application document, as {@code gitops appset generate} prints it
     */
    public record GeneratedApplication(Application application, String generator, Map<String, Object> parameters,
            com.fasterxml.jackson.databind.node.ObjectNode document) {}

    public Generated {
        applications = List.copyOf(applications);
    }

    /** Just the Applications. */
    public List<Application> list() {
        return applications.stream().map(GeneratedApplication::application).toList();
    }

    public Optional<GeneratedApplication> find(String name) {
        return applications.stream().filter(a -> a.application().name().equals(name)).findFirst();
    }

    /** Whether this set generates an application of that name (and so owns it). */
    public boolean owns(String name) {
        return find(name).isPresent();
    }
}
